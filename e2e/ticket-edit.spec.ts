// The ticket's edit form (C1) under the ticket's lock (E1): a colleague sees "… is editing" and
// is asked before taking over; saving moves the ticket, sets owner, priority and tags, tells
// the new owner, and every open screen follows live (E3).
import { appendMail } from "./fixtures/dovecot";
import { expect, test } from "./fixtures/test";

test("agent 1 edits a ticket under its lock; agent 2 sees it locked, then the changes and the assignment live", async ({ stack, agent1, agent2 }, testInfo) => {
  const stamp = Date.now();
  const subject = `Edit me ${stamp}`;
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Erik Kunde <erik@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <edit-${stamp}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", `Drucker streikt. ${stamp}`,
  ].join("\r\n"));
  for (const page of [agent1, agent2]) {
    const row = page.getByTestId("ticket-row").filter({ hasText: subject });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await row.getByRole("link", { name: subject }).click();
  }
  const count = agent2.getByTestId("notification-count");
  const bellBefore = (await count.count()) ? Number(await count.textContent()) : 0;

  // Agent 1 opens the edit form: agent 2 sees who is editing, and is asked before taking over.
  await agent1.getByRole("button", { name: "Edit", exact: true }).click();
  const form = agent1.getByTestId("ticket-edit-form");
  await expect(form).toBeVisible();
  await expect(agent2.getByTestId("lock-banner")).toContainText("Agent 1 is editing");
  await agent2.getByRole("button", { name: "Edit", exact: true }).click();
  const dialog = agent2.getByRole("dialog");
  await expect(dialog).toContainText("Take over?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(agent2.getByTestId("ticket-edit-form")).toHaveCount(0);
  // While the form is open, the text editors stay shut for its holder.
  await expect(agent1.getByRole("button", { name: "Reply", exact: true })).toBeDisabled();

  // A bad value is refused beside its field, and nothing is lost.
  await form.getByLabel("Subject").fill("");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("The subject is required")).toBeVisible();

  await form.getByLabel("Subject").fill(`${subject} (urgent)`);
  await form.getByLabel("Queue").selectOption({ label: "Sales" });
  await form.getByLabel("Owner").selectOption({ label: "Agent 2" });
  await form.getByLabel("Priority").selectOption({ label: "5 · urgent" });
  await form.getByLabel("Tags").fill("vip, hardware");
  await agent1.screenshot({ path: testInfo.outputPath("edit-form.png") });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);

  // Agent 2's screen follows without a reload: lock gone, fields changed, a history line, a notification.
  await expect(agent2.getByTestId("lock-banner")).toBeHidden();
  await expect(agent2.getByRole("heading", { name: `${subject} (urgent)` })).toBeVisible();
  await expect(agent2.getByTestId("ticket-priority")).toHaveText("5 · urgent");
  await expect(agent2.getByText("Sales", { exact: true })).toBeVisible();
  await expect(agent2.getByTestId("entry").filter({ hasText: "Queue: Support → Sales" })).toBeVisible();
  await expect(agent2.getByTestId("entry").filter({ hasText: "Owner:" })).toContainText("→ Agent 2");
  await expect(count).toHaveText(String(bellBefore + 1));
  // And agent 2 may edit now: the lock is free.
  await agent2.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(agent2.getByTestId("ticket-edit-form")).toBeVisible();
  await expect(agent1.getByTestId("lock-banner")).toContainText("Agent 2 is editing");
  await agent2.getByTestId("ticket-edit-form").getByRole("button", { name: "Cancel" }).click();
  await expect(agent1.getByTestId("lock-banner")).toBeHidden();
});
