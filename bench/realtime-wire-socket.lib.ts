/**
 * A fan-out bench client that speaks the Socket.IO protocol (Engine.IO 4) over a plain
 * WebSocket: it opens the session with the cookie, joins the default namespace, answers
 * pings, and reports each event's name and ticket id. It receives exactly the frames a
 * browser would, but costs a fraction of a socket.io-client, so on this 2-core machine the
 * 10,000 sockets measure the server rather than their own parsing.
 */
import WebSocket from "ws";

export interface WireSocket {
  close(): void;
}

/** Engine.IO packet types (first character) and Socket.IO ones (second). */
const OPEN = "0";
const PING = "2";
const PONG = "3";
const MESSAGE = "4";
const SIO_CONNECT = "0";
const SIO_EVENT = "2";

const eventHead = /^42\["([^"]+)",\{"ticketId":(\d+)/;

export function connectWireSocket(
  url: string,
  cookie: string,
  onEvent: (event: string, ticketId: number, frame: string) => void,
): Promise<WireSocket> {
  const target = `${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`;
  const ws = new WebSocket(target, { headers: { cookie }, perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (ws.terminate(), reject(new Error("connect timeout"))), 30_000);
    const fail = (err: Error) => (clearTimeout(timer), reject(err));
    ws.on("error", fail);
    ws.on("message", (data) => {
      const text = data.toString();
      const type = text[0];
      if (type === PING) return ws.send(PONG);
      if (type === OPEN) return ws.send(MESSAGE + SIO_CONNECT);
      if (type !== MESSAGE) return;
      if (text[1] === SIO_CONNECT) {
        clearTimeout(timer);
        ws.off("error", fail);
        ws.on("error", () => {});
        return resolve({ close: () => ws.close() });
      }
      if (text[1] === "4") return fail(new Error(`refused: ${text.slice(2)}`)); // connect_error
      if (text[1] !== SIO_EVENT) return;
      const m = eventHead.exec(text);
      if (m) onEvent(m[1], Number(m[2]), text);
    });
  });
}
