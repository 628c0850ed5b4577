import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuseCrossSite } from "./cross-site-guard";

// A real HTTP server with the guard in front, as in server/web-pages.ts (the browser's view is e2e/csrf.spec.ts).
let server: Server;
let base: string;
const appOrigin = "https://help.example.test";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (refuseCrossSite(req, res, { appOrigin, jsonOnly: req.url!.startsWith("/api/trpc/") })) return;
    res.writeHead(200).end("ran");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  const res = await fetch(`${base}${path}`, { method: init.method ?? "POST", headers: init.headers, body: init.body });
  return { status: res.status, text: await res.text() };
}

const json = { "content-type": "application/json" };

describe("the CSRF guard on state-changing requests", () => {
  it("lets requests from this origin (APP_URL or the host asked) and from non-browsers through", async () => {
    const host = new URL(base).host;
    expect((await send("/api/trpc/me.updateProfile", { headers: { ...json, origin: appOrigin }, body: "{}" })).status).toBe(200);
    expect((await send("/api/trpc/me.updateProfile", { headers: { ...json, origin: `http://${host}` }, body: "{}" })).status).toBe(200);
    expect((await send("/api/trpc/x", { headers: { ...json, "sec-fetch-site": "same-origin" }, body: "{}" })).status).toBe(200);
    expect((await send("/api/trpc/x", { headers: json, body: "{}" })).status).toBe(200); // curl, an API client
    expect((await send("/api/uploads", { headers: { origin: appOrigin, "content-type": "image/png" }, body: "x" })).status).toBe(200);
  });

  it("refuses another origin, also another port of the same host, and Origin: null", async () => {
    const port = Number(new URL(base).port);
    for (const origin of [`http://127.0.0.1:${port + 1}`, "https://evil.example", "null", "http://help.example.test", "not a url"]) {
      const res = await send("/api/trpc/notification.markAllRead", { headers: { ...json, origin }, body: "{}" });
      expect(res, origin).toEqual({ status: 403, text: JSON.stringify({ error: "This request came from another site and was refused." }) });
    }
    for (const path of ["/api/uploads", "/api/auth/signout", "/api/v1/tickets"]) {
      expect((await send(path, { headers: { origin: "https://evil.example", "content-type": "text/plain" }, body: "x" })).status).toBe(403);
    }
    expect((await send("/api/x", { method: "DELETE", headers: { origin: "https://evil.example" } })).status).toBe(403);
  });

  it("without Origin, trusts only Sec-Fetch-Site same-origin or none", async () => {
    for (const site of ["same-site", "cross-site"]) {
      expect((await send("/api/trpc/x", { headers: { ...json, "sec-fetch-site": site }, body: "{}" })).status).toBe(403);
    }
    expect((await send("/api/trpc/x", { headers: { ...json, "sec-fetch-site": "none" }, body: "{}" })).status).toBe(200);
  });

  it("takes only JSON on tRPC, in the user's language when refused", async () => {
    for (const type of ["multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain;charset=UTF-8", ""]) {
      const headers: Record<string, string> = { origin: appOrigin, ...(type ? { "content-type": type } : {}) };
      expect((await send("/api/trpc/settings.update", { headers, body: "a=b" })).status, type).toBe(403);
    }
    const de = await send("/api/trpc/settings.update", { headers: { origin: appOrigin, "content-type": "text/plain", cookie: "lang=de" }, body: "{}" });
    expect(JSON.parse(de.text)).toEqual({ error: "Diese Anfrage wurde in einer Form gesendet, die der Helpdesk nicht annimmt." });
  });

  it("never touches reads", async () => {
    expect((await send("/api/trpc/me.get", { method: "GET", headers: { origin: "https://evil.example" } })).status).toBe(200);
    expect((await send("/api/attachments/1", { method: "GET", headers: { "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });
});
