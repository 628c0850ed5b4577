// CSRF (issue 11.5): a page of another origin on the same site (another port of this host)
// cannot make a signed-in browser change anything, neither with an auto-submitting form nor
// with a no-cors fetch. The evil page is a tiny HTTP server of this test's own.
import { createServer, type Server } from "node:http";
import type { Page } from "@playwright/test";
import { freePort } from "./fixtures/dovecot";
import { expect, signIn, test } from "./fixtures/test";

let evil: Server;
let evilUrl: string;
const pages = new Map<string, string>();

test.beforeAll(async () => {
  const port = await freePort();
  evil = createServer((req, res) => {
    const html = pages.get(req.url ?? "");
    res.writeHead(html ? 200 : 404, { "Content-Type": "text/html" }).end(html ?? "");
  });
  await new Promise<void>((r) => evil.listen(port, "127.0.0.1", r));
  evilUrl = `http://127.0.0.1:${port}`;
});
test.afterAll(() => new Promise<void>((r) => evil.close(() => r())));

/** An auto-submitting form of the evil page, as a visitor's browser would load it. */
function autoSubmit(path: string, action: string, enctype: string, fields: Record<string, string>) {
  const inputs = Object.entries(fields).map(([k, v]) => `<input name="${k}" value="${v}">`).join("");
  pages.set(path, `<form method="post" action="${action}" enctype="${enctype}">${inputs}</form><script>document.forms[0].submit()</script>`);
}

/** A tRPC call from the app's own page (same origin), as the UI makes it. */
async function ownCall(page: Page, path: string, input?: unknown): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ path, input }) => {
      const res = input === undefined
        ? await fetch(`/api/trpc/${path}`)
        : await fetch(`/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: input }) });
      return { status: res.status, body: await res.json() };
    },
    { path, input },
  );
}

test("another origin of the same site cannot change state through the signed-in browser", async ({ browser, stack }) => {
  const admin = await signIn(browser, stack, "admin");
  const app = stack.urls[0];
  // The app's own page may change things: the guard lets its requests through.
  expect((await ownCall(admin, "me.updateProfile", { greeting: "Kind regards", signature: "Admin" })).status).toBe(200);
  expect((await ownCall(admin, "settings.update", { testModeAddress: null })).status).toBe(200);

  // 1. Auto-submitting multipart forms (what a form can send without a preflight).
  const attempts: { path: string; action: string; fields: Record<string, string> }[] = [
    { path: "/profile", action: `${app}/api/trpc/me.updateProfile`, fields: { greeting: "pwned" } },
    { path: "/read", action: `${app}/api/trpc/notification.markAllRead`, fields: { x: "1" } },
    { path: "/settings", action: `${app}/api/trpc/settings.update`, fields: { testModeAddress: "attacker@evil.test" } },
  ];
  const visitor = await admin.context().newPage();
  for (const a of attempts) {
    autoSubmit(a.path, a.action, "multipart/form-data", a.fields);
    const answer = visitor.waitForResponse((r) => r.url() === a.action && r.request().method() === "POST");
    await visitor.goto(`${evilUrl}${a.path}`);
    expect((await answer).status(), a.action).toBe(403);
  }

  // 2. A no-cors fetch with a JSON body as text/plain, and one with no content type at all.
  pages.set(
    "/fetch",
    `<script>
      const send = (headers, body) => fetch(${JSON.stringify(`${app}/api/trpc/settings.update`)},
        { method: "POST", mode: "no-cors", credentials: "include", headers, body }).then(() => "sent", (e) => String(e));
      window.done = Promise.all([
        send({ "content-type": "text/plain" }, JSON.stringify({ json: { testModeAddress: "attacker@evil.test" } })),
        send({}, new Blob([JSON.stringify({ json: { testModeAddress: "attacker2@evil.test" } })])),
      ]);
    </script>`,
  );
  const statuses: number[] = [];
  visitor.on("response", (r) => r.url().includes("/api/trpc/settings.update") && statuses.push(r.status()));
  await visitor.goto(`${evilUrl}/fetch`);
  await visitor.evaluate(() => (window as unknown as { done: Promise<unknown> }).done);
  await expect.poll(() => statuses.length).toBe(2);
  expect(statuses).toEqual([403, 403]);

  // 3. A socket opened by the evil page: refused at the handshake, so it can neither hear
  // events nor take locks in the user's name. The app's own page still connects.
  const socketProbe = (url: string) => `window.result = new Promise((resolve) => {
      const ws = new WebSocket(${JSON.stringify(url)});
      ws.onmessage = (m) => { resolve("open"); ws.close(); };
      ws.onerror = () => resolve("refused");
      ws.onclose = () => resolve("refused");
    });`;
  const socketUrl = `${app.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`;
  const probeResult = (page: Page) => page.evaluate(() => (window as unknown as { result: Promise<string> }).result);
  pages.set("/socket", `<script>${socketProbe(socketUrl)}</script>`);
  await visitor.goto(`${evilUrl}/socket`);
  expect(await probeResult(visitor)).toBe("refused");
  await admin.evaluate(socketProbe(socketUrl));
  expect(await probeResult(admin)).toBe("open");

  // Nothing changed.
  const profile = await ownCall(admin, "me.profile");
  expect(profile.body).toMatchObject({ result: { data: { json: { greeting: "Kind regards", signature: "Admin" } } } });
  const settings = await ownCall(admin, "settings.get");
  expect(settings.body).toMatchObject({ result: { data: { json: { testModeAddress: null } } } });
  await admin.context().close();
});
