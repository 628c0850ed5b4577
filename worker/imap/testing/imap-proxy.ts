import net from "node:net";

export interface ImapProxy {
  port: number;
  /** Client → server command lines in order (`IDLE`, `DONE`, `UID SEARCH …`), tags removed. */
  commands: string[];
  /** How many connections the client opened. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A plain-TCP proxy in front of a test IMAP server (no TLS), for tests that need to see what
 * the watcher says on the wire, or a server that lacks a capability: Dovecot always offers
 * IDLE, and `hideCapabilities` strips the named ones from every CAPABILITY list it sends.
 * `freezeOn` plays a server that stops answering: once the client sends a command matching
 * it, that connection gets nothing more from the server (the first connection only).
 */
export async function startImapProxy(
  target: { host: string; port: number },
  opts: { hideCapabilities?: string[]; freezeOn?: RegExp } = {},
): Promise<ImapProxy> {
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const hide = (opts.hideCapabilities ?? []).map((c) => c.toUpperCase());

  const server = net.createServer((client) => {
    connections++;
    const mayFreeze = opts.freezeOn && connections === 1;
    let frozen = false;
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {}); // either side going away ends both below
    }
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());

    // Whole lines only, so a capability list split across two packets is still rewritten.
    let fromServer = "";
    upstream.on("data", (chunk: Buffer) => {
      fromServer += chunk.toString("latin1");
      const end = fromServer.lastIndexOf("\n") + 1;
      if (!end) return;
      const lines = fromServer.slice(0, end);
      fromServer = fromServer.slice(end);
      if (frozen) return;
      client.write(Buffer.from(hide.length ? withoutCapabilities(lines, hide) : lines, "latin1"));
    });
    let fromClient = "";
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      fromClient += chunk.toString("latin1");
      const lines = fromClient.split("\r\n");
      fromClient = lines.pop()!;
      for (const line of lines) {
        commands.push(line === "DONE" ? "DONE" : line.replace(/^\S+ /, "").slice(0, 80));
        if (mayFreeze && opts.freezeOn!.test(line)) frozen = true;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    commands,
    connections: () => connections,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function withoutCapabilities(lines: string, hide: string[]): string {
  return lines.replace(/CAPABILITY [^\]\r\n]*/gi, (list) =>
    list.split(" ").filter((word) => !hide.includes(word.toUpperCase())).join(" "),
  );
}
