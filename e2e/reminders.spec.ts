// Reminders (C11): agent 1 sets a reminder on a ticket for agent 2 a few seconds ahead, also
// by e-mail; when it is due, agent 2's bell shows it live (no reload) naming the note, the
// mail reaches the SMTP catcher, and the ticket's pending list empties on both screens.
// A reminder can be cancelled by its creator.
import type { Page } from "@playwright/test";
import { appendMail } from "./fixtures/dovecot";
import { expect, test } from "./fixtures/test";

async function unreadCount(page: Page): Promise<number> {
  const name = (await page.getByTestId("notification-bell").getAttribute("aria-label")) ?? "";
  const m = /^(\d+) unread notifications$/.exec(name);
  if (!m) throw new Error(`unexpected bell label: ${name}`);
  return Number(m[1]);
}

/** The browser's local time `ms` from now as a datetime-local value with seconds. */
const localIn = (page: Page, ms: number) =>
  page.evaluate((ahead) => {
    const d = new Date(Date.now() + ahead);
    const two = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  }, ms);

test("a reminder for a colleague rings their bell live and mails them; one can be cancelled", async ({ stack, agent1, agent2 }, testInfo) => {
  const stamp = Date.now();
  const subject = `Erinnerung ${stamp}`;
  const note = `Rückruf bei Frau Berg ${stamp}`;
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Ina Berg <ina@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <remind-${stamp}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", `Bitte morgen anrufen. ${stamp}`,
  ].join("\r\n"));
  for (const page of [agent1, agent2]) {
    const row = page.getByTestId("ticket-row").filter({ hasText: subject });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await row.getByRole("link", { name: subject }).click();
    await expect(page.getByTestId("ticket-reminders")).toContainText("No pending reminders.");
  }
  const bell = agent2.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName(/^\d+ unread notifications$/);
  const before = await unreadCount(agent2);
  await agent2.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  // Agent 1 sets it for agent 2, due in a few seconds, also by e-mail.
  const panel1 = agent1.getByTestId("ticket-reminders");
  await panel1.getByRole("button", { name: "Add reminder" }).click();
  const form = agent1.getByRole("form", { name: "New reminder" });
  await form.getByLabel("Remind").selectOption({ label: "Agent 2" });
  await form.getByLabel("Note").fill(note);
  await form.getByLabel("Also by e-mail").check();
  await form.getByLabel("When").fill(await localIn(agent1, 6_000));
  await form.getByRole("button", { name: "Set reminder" }).click();
  await expect(form).toBeHidden();
  const pending = panel1.getByTestId("reminder");
  await expect(pending).toContainText(note);
  await expect(pending).toContainText("For Agent 2, set by Agent 1");
  await expect(agent2.getByTestId("ticket-reminders").getByTestId("reminder")).toContainText(note);
  await agent1.screenshot({ path: testInfo.outputPath("reminder-pending.png"), fullPage: true });

  // When due: agent 2's bell rises without a reload; the panel names the note.
  await expect(bell).toHaveAccessibleName(`${before + 1} unread notifications`, { timeout: 30_000 });
  expect(await agent2.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await bell.click();
  const newest = agent2.getByRole("dialog", { name: "Notifications" }).getByTestId("notification").first();
  await expect(newest).toHaveAttribute("data-kind", "alarm");
  await expect(newest).toContainText(`Reminder from Agent 1: ${note}`);
  await agent2.screenshot({ path: testInfo.outputPath("reminder-bell.png"), fullPage: true });
  await agent2.keyboard.press("Escape");
  // The mail copy, and the pending lists are empty on both screens.
  const mail = await stack.catcher.waitFor((m) => m.to.includes("agent2@demo.test") && m.subject.includes(note), 30_000);
  expect(mail.text).toContain(subject);
  await expect(panel1).toContainText("No pending reminders.");
  await expect(agent2.getByTestId("ticket-reminders")).toContainText("No pending reminders.");

  // Agent 1 sets one for themselves (tomorrow at nine by default) and cancels it.
  await panel1.getByRole("button", { name: "Add reminder" }).click();
  await agent1.getByRole("form", { name: "New reminder" }).getByLabel("Note").fill(`Selbst ${stamp}`);
  await agent1.getByRole("form", { name: "New reminder" }).getByRole("button", { name: "Set reminder" }).click();
  await expect(pending).toContainText(`Selbst ${stamp}`);
  await expect(pending).toContainText("For Agent 1");
  await pending.getByRole("button", { name: /^Cancel the reminder at / }).click();
  await expect(panel1).toContainText("No pending reminders.");
});
