// Production for many agents: pages from a full web process, /socket.io/ from a process with
// WEB_ROLE=realtime (no Next), behind a path router. Everything live still works: a new mail
// reaches both agents' lists, presence and the editor lock cross between them; the realtime
// process serves no pages.
import { appendMail } from "./fixtures/dovecot";
import { expect, signIn, test } from "./fixtures/test";

test.use({ stackOptions: { realtimeProcess: true } });

test("sockets on a realtime-only process: live list, presence and lock work; it serves no pages", async ({ browser, stack }) => {
  const router = stack.router!;
  const a = await signIn(browser, stack, "agent1", router.url);
  const b = await signIn(browser, stack, "agent2", router.url);

  const subject = `Realtime role ${Date.now()}`;
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Rolf Kunde <rolf@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <realtime-role-${Date.now()}@customer.test>`, "", "Hallo?",
  ].join("\r\n"));
  // Both lists gain the ticket without a reload: the worker's event came through the realtime process.
  for (const page of [a, b]) await expect(page.getByTestId("ticket-row").filter({ hasText: subject })).toBeVisible({ timeout: 20_000 });
  expect(router.upgrades.sockets).toBeGreaterThanOrEqual(2);
  expect(router.upgrades.pages).toBe(0);

  await a.getByTestId("ticket-row").filter({ hasText: subject }).getByRole("link", { name: subject }).click();
  await b.getByTestId("ticket-row").filter({ hasText: subject }).getByRole("link", { name: subject }).click();
  await expect(b.getByTestId("presence")).toContainText("Agent 1");
  await a.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(b.getByTestId("lock-banner")).toContainText("Agent 1 is replying");

  // The realtime process answers only Socket.IO.
  const page = await fetch(`${router.realtimeUrl}/tickets`);
  expect(page.status).toBe(404);
  expect(await page.text()).toContain("WEB_ROLE=realtime");
  await a.context().close();
  await b.context().close();
});
