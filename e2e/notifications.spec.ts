// Watchers and notifications (C12, E4): agent 2 watches a ticket; a customer mail raises the
// bell's count live; the panel lists it and marking it read lowers the count; a mention in
// agent 1's internal comment reaches agent 2 the same way. The stack is shared with other
// specs, so counts are compared with what they were, never assumed to start at zero.
import type { Page } from "@playwright/test";
import { appendMail } from "./fixtures/dovecot";
import { expect, test } from "./fixtures/test";

async function unreadCount(page: Page): Promise<number> {
  const name = (await page.getByTestId("notification-bell").getAttribute("aria-label")) ?? "";
  const m = /^(\d+) unread notifications$/.exec(name);
  if (!m) throw new Error(`unexpected bell label: ${name}`);
  return Number(m[1]);
}

test("a watcher is notified live of customer mail and of a mention, and marks it read", async ({ stack, agent1, agent2 }) => {
  const stamp = Date.now();
  const subject = `Lieferung unvollständig ${stamp}`;
  const mail = (extra: string[], body: string) =>
    appendMail(stack.dovecot, stack.mailbox, [
      "From: Carla Kundin <carla@customer.test>", `To: ${stack.mailbox}`, ...extra,
      "Content-Type: text/plain; charset=utf-8", "", body,
    ].join("\r\n"));

  await mail([`Subject: ${subject}`, `Message-ID: <n1-${stamp}@customer.test>`], "Es fehlt ein Karton.");
  const row = agent2.getByTestId("ticket-row").filter({ hasText: subject });
  await expect(row).toBeVisible();
  const ticketNumber = await row.getAttribute("data-ticket-number");
  await row.click();
  await agent2.waitForURL(/\/tickets\/\d+$/);
  const ticketPath = new URL(agent2.url()).pathname;

  // Agent 2 watches the ticket.
  const watch = agent2.getByRole("button", { name: "Watch this ticket" });
  await expect(watch).toHaveAttribute("aria-pressed", "false");
  await watch.click();
  await expect(watch).toHaveAttribute("aria-pressed", "true");

  const bell = agent2.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName(/^\d+ unread notifications$/);
  const before = await unreadCount(agent2);
  // Proof that nothing below reloads the page.
  await agent2.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  // The customer writes again: the count rises without a reload.
  await mail(
    [`Subject: Re: [Ticket#${ticketNumber}] ${subject}`, `Message-ID: <n2-${stamp}@customer.test>`],
    "Vertraulich: Kundennummer 99-1234.",
  );
  await expect(bell).toHaveAccessibleName(`${before + 1} unread notifications`);
  await expect(agent2.getByTestId("notification-count")).toHaveText(String(before + 1));

  // The panel lists it, newest first, linking to the ticket; marking it read lowers the count.
  await bell.click();
  await expect(bell).toHaveAttribute("aria-expanded", "true");
  const panel = agent2.getByRole("dialog", { name: "Notifications" });
  const newest = panel.getByTestId("notification").first();
  await expect(newest).toContainText("New mail from Carla Kundin");
  await expect(newest).toContainText(`#${ticketNumber}`);
  await expect(newest).toHaveAttribute("data-unread", "true");
  await expect(newest.getByRole("link")).toHaveAttribute("href", ticketPath);
  await expect(panel).not.toContainText("Kundennummer");
  await newest.getByRole("button", { name: /^Mark read: / }).click();
  await expect(bell).toHaveAccessibleName(`${before} unread notifications`);
  await expect(newest).toHaveAttribute("data-unread", "false");

  // Agent 1 mentions agent 2 in an internal comment: one notification, a mention.
  await agent1.goto(ticketPath);
  await agent1.getByRole("button", { name: "Internal comment" }).click();
  await agent1.getByLabel("Internal comment", { exact: true }).fill("@Agent 2 bitte die Lieferadresse prüfen.");
  await agent1.getByRole("button", { name: "Add comment" }).click();
  await expect(bell).toHaveAccessibleName(`${before + 1} unread notifications`);
  const mention = panel.getByTestId("notification").first();
  await expect(mention).toContainText("Agent 1 mentioned you");
  await expect(mention).toHaveAttribute("data-kind", "mention");
  await expect(panel).not.toContainText("Lieferadresse");

  // "Mark all read" empties the count; the full list page agrees.
  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(bell).toHaveAccessibleName("0 unread notifications");
  await expect(agent2.getByTestId("notification-count")).toHaveCount(0);
  expect(await agent2.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  await panel.getByRole("link", { name: "All notifications" }).click();
  await agent2.waitForURL("**/notifications");
  await expect(agent2.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const all = agent2.getByRole("list", { name: "Notifications" }).getByTestId("notification");
  await expect(all.filter({ hasText: "Agent 1 mentioned you" }).first()).toHaveAttribute("data-unread", "false");

  // The mention went out by mail too (on by default), short and without the comment's text.
  const sent = await stack.catcher.waitFor((m) => m.to.includes("agent2@demo.test") && m.subject.includes("Agent 1 mentioned you"));
  expect(sent.subject).toContain(`#${ticketNumber}`);
  expect(sent.text).toContain(ticketPath);
  expect(sent.text).not.toContain("Lieferadresse");
});
