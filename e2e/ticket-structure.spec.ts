// Ticket structure (C6–C8): parent and child tickets with their progress, merging with a
// confirmation (entries move as older entries; later mail follows), copy, delete with a
// confirmation, and the change history. A second agent's screen follows live.
import type { Page } from "@playwright/test";
import { appendMail } from "./fixtures/dovecot";
import { backToEnglish, expect, test } from "./fixtures/test";
import type { AppStack } from "./fixtures/app-stack";

async function mailIn(stack: AppStack, subject: string, body: string, id: string) {
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Kira Kunde <kira@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <${id}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", body,
  ].join("\r\n"));
}

async function openFromList(page: Page, subject: string) {
  if (new URL(page.url()).pathname !== "/tickets") await page.goto("/tickets");
  const row = page.getByTestId("ticket-row").filter({ hasText: subject });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.getByRole("link", { name: subject }).click();
  await expect(page.getByTestId("ticket-title")).toHaveText(subject);
}

const numberOf = async (page: Page) => Number((await page.getByTestId("ticket-number").textContent())!.replace("#", ""));

test("parent and children: link by search, new child in place, progress and changes live, cycle refused, unlink", async ({ stack, agent1, agent2 }, testInfo) => {
  const stamp = Date.now();
  const [parent, child] = [`Rollout ${stamp}`, `Laptop setup ${stamp}`];
  await mailIn(stack, parent, "Please roll out the new laptops.", `p-${stamp}`);
  await mailIn(stack, child, "My laptop needs setting up.", `c-${stamp}`);
  await openFromList(agent1, child);
  await openFromList(agent1, parent);
  await openFromList(agent2, parent);
  const related1 = agent1.getByTestId("related-tickets");
  const related2 = agent2.getByTestId("related-tickets");
  await expect(related1).toContainText("No children.");

  // Attach the existing ticket as a child, found by its title.
  await related1.getByRole("button", { name: "Add child…" }).click();
  const linkDialog = agent1.getByTestId("link-dialog");
  await linkDialog.getByLabel("Number or title").fill(child);
  await linkDialog.getByRole("button", { name: new RegExp(child) }).click();
  await expect(linkDialog).toBeHidden();
  await expect(related1.getByTestId("child-ticket")).toHaveCount(1);
  await expect(related2.getByTestId("child-ticket")).toHaveCount(1);

  // A new child in place: it takes the parent's queue and customer.
  await related1.getByRole("button", { name: "New child" }).click();
  const newChild = agent1.getByTestId("new-child-dialog");
  await newChild.getByRole("button", { name: "Create child" }).click();
  await expect(newChild.getByText("The subject is required")).toBeVisible();
  await newChild.getByLabel("Subject").fill(`Order docks ${stamp}`);
  await newChild.getByLabel("First text").fill("Twelve docking stations.");
  await newChild.getByRole("button", { name: "Create child" }).click();
  await expect(newChild).toBeHidden();
  await expect(related2.getByTestId("child-ticket")).toHaveCount(2);
  await expect(related2.getByTestId("children-progress")).toHaveText("0 of 2 done");
  await expect(agent2.getByTestId("entry").filter({ hasText: "Child #" })).toHaveCount(2);

  // On the child: "Open parent" is there; making the parent its child is refused (a cycle).
  await related1.getByTestId("child-ticket").filter({ hasText: child }).getByRole("link").click();
  await expect(agent1.getByTestId("ticket-title")).toHaveText(child);
  await expect(related1.getByRole("link", { name: "Open parent" })).toBeVisible();
  await related1.getByRole("button", { name: "Add child…" }).click();
  await linkDialog.getByLabel("Number or title").fill(parent);
  await linkDialog.getByRole("button", { name: new RegExp(parent) }).click();
  await expect(linkDialog.getByRole("alert")).toContainText("cycle");
  await linkDialog.getByRole("button", { name: "Cancel" }).click();

  // The child is solved: the parent's progress moves on agent 2's screen.
  await agent1.getByLabel("Status").selectOption({ label: "Solved" });
  await expect(related2.getByTestId("children-progress")).toHaveText("1 of 2 done");
  await expect(related2.getByTestId("child-ticket").filter({ hasText: child })).toContainText("Solved");
  await agent2.screenshot({ path: testInfo.outputPath("related-tickets.png"), fullPage: true });

  await related1.getByRole("link", { name: "Open parent" }).click();
  await expect(agent1.getByTestId("ticket-title")).toHaveText(parent);
  await related1.getByTestId("child-ticket").filter({ hasText: child }).getByRole("link").click();
  await related1.getByRole("button", { name: /Unlink from parent/ }).click();
  await expect(related1).toContainText("No parent.");
  await expect(related2.getByTestId("child-ticket")).toHaveCount(1);
  await expect(related2.getByTestId("children-progress")).toHaveText("0 of 1 done");
});

test("merge into another ticket: confirmation, entries as older entries, pointer page, later mail lands in the target", async ({ stack, agent1, agent2 }, testInfo) => {
  const stamp = Date.now();
  const [source, target] = [`Printer jams ${stamp}`, `Printer broken ${stamp}`];
  await mailIn(stack, source, `First report ${stamp}`, `s-${stamp}`);
  await openFromList(agent1, source); // the source's mail is older than the target's
  await mailIn(stack, target, `Second report ${stamp}`, `t-${stamp}`);
  await openFromList(agent2, target);
  const targetNumber = await numberOf(agent2);
  await openFromList(agent1, source);
  const sourceNumber = await numberOf(agent1);
  const sourceUrl = agent1.url();

  await agent1.getByRole("button", { name: "Merge into…" }).click();
  const dialog = agent1.getByTestId("merge-dialog");
  await dialog.getByLabel("Number or title").fill(`#${targetNumber}`);
  await dialog.getByRole("button", { name: new RegExp(target) }).click();
  await expect(dialog.getByRole("heading")).toHaveText(`Merge #${sourceNumber} into #${targetNumber}?`);
  await agent1.screenshot({ path: testInfo.outputPath("merge-confirm.png") });
  await dialog.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(agent1.getByTestId("ticket-title")).toHaveText(target);

  // Both screens: the source's mail stands before the target's, and the merge is told.
  for (const page of [agent1, agent2]) {
    const texts = page.getByTestId("entry").filter({ hasText: /report|Merged/ });
    await expect(texts).toHaveCount(3);
    await expect(texts.nth(0)).toContainText(`First report ${stamp}`);
    await expect(texts.nth(1)).toContainText(`Second report ${stamp}`);
    await expect(texts.nth(2)).toContainText(`Merged #${sourceNumber} into this ticket`);
  }

  // The source is now a pointer, with no editor.
  await agent1.goto(sourceUrl);
  await expect(agent1.getByTestId("merged-notice")).toContainText(`This ticket was merged into #${targetNumber}.`);
  await expect(agent1.getByRole("button", { name: "Reply", exact: true })).toHaveCount(0);
  await expect(agent1.getByRole("button", { name: "Merge into…" })).toHaveCount(0);
  await agent1.getByTestId("merged-notice").getByRole("link", { name: `Open #${targetNumber}` }).click();
  await expect(agent1.getByTestId("ticket-title")).toHaveText(target);

  // A later answer to the source lands in the target, live on agent 2's screen.
  await mailIn(stack, `Re: [Ticket#${sourceNumber}] ${source}`, `Still jamming ${stamp}`, `r-${stamp}`);
  await expect(agent2.getByTestId("entry").filter({ hasText: `Still jamming ${stamp}` })).toBeVisible({ timeout: 20_000 });
});

test("history with status filter, copy, and delete with confirmation; other lists drop the ticket live", async ({ stack, agent1, agent2 }, testInfo) => {
  const stamp = Date.now();
  const subject = `Mouse broken ${stamp}`;
  await mailIn(stack, subject, "The left button does nothing.", `h-${stamp}`);
  await openFromList(agent1, subject);
  await agent1.getByLabel("Status").selectOption({ label: "Open" });
  await expect(agent1.getByTestId("entry").filter({ hasText: "Status: New → Open" })).toBeVisible();

  // Copy: a new ticket with the same customer and first text, opened at once.
  await agent1.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(agent1.getByTestId("ticket-title")).toHaveText(`Copy of ${subject}`);
  await expect(agent1.getByTestId("entry").filter({ hasText: "The left button does nothing." })).toBeVisible();
  const copyNumber = await numberOf(agent1);
  await agent1.getByLabel("Status").selectOption({ label: "Waiting for customer" });
  await agent1.getByLabel("Status").selectOption({ label: "Open" });

  // History: every change, and the status history alone.
  await agent1.getByRole("button", { name: "History" }).click();
  const history = agent1.getByTestId("history-panel");
  await expect(history.getByTestId("history-row")).toHaveCount(3);
  await expect(history.getByTestId("history-row").last()).toContainText("Copied from");
  await expect(history.getByTestId("history-row").first()).toContainText("Agent 1");
  await expect(history.getByTestId("history-row").first()).toContainText("Waiting for customer → Open");
  await history.getByLabel("Status only").check();
  await expect(history.getByTestId("history-row")).toHaveCount(2);
  await agent1.screenshot({ path: testInfo.outputPath("history.png"), fullPage: true });

  // In German, too.
  await agent1.getByLabel("Language").selectOption("de");
  await expect(agent1.getByRole("heading", { name: "Änderungsverlauf" })).toBeVisible();
  await expect(agent1.getByRole("heading", { name: "Verknüpfte Tickets" })).toBeVisible();
  await backToEnglish(agent1);

  // Delete asks first; agent 2's list drops the ticket without a reload.
  const copyRow = agent2.getByTestId("ticket-row").filter({ hasText: `Copy of ${subject}` });
  await expect(copyRow).toBeVisible({ timeout: 20_000 });
  await agent1.getByRole("button", { name: "Delete…" }).click();
  const dialog = agent1.getByTestId("delete-dialog");
  await expect(dialog.getByRole("heading")).toHaveText(`Delete #${copyNumber}?`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await agent1.getByRole("button", { name: "Delete…" }).click();
  await dialog.getByRole("button", { name: "Delete ticket" }).click();
  await agent1.waitForURL("**/tickets");
  await expect(copyRow).toHaveCount(0);
  await expect(agent2.getByTestId("ticket-row").filter({ hasText: subject })).toHaveCount(1);
});
