// Working on one ticket together (E1, E2, E5, F1): who is viewing, who is writing and for how
// long, taking a lock over without losing the other's text, and not answering past a mail
// that arrived while writing. Two agents in two browsers on one shared stack: other specs'
// tickets and mails are there too, so everything is found by this spec's own subjects.
import type { Page } from "@playwright/test";
import { appendMail } from "./fixtures/dovecot";
import { expect, test } from "./fixtures/test";
import type { AppStack } from "./fixtures/app-stack";

async function newTicket(stack: AppStack, subject: string, body: string, messageId: string) {
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Paula Kundin <paula@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: ${messageId}`, "Content-Type: text/plain; charset=utf-8", "", body,
  ].join("\r\n"));
}

/** Opens the ticket from the list (it arrives live) and waits for its first mail. */
async function openFromList(page: Page, subject: string, body: string) {
  const row = page.getByTestId("ticket-row").filter({ hasText: subject });
  await expect(row).toBeVisible({ timeout: 20_000 }); // ingest runs in the worker: allow for a busy machine
  await row.getByRole("link", { name: subject }).click();
  await expect(page.getByTestId("entry").filter({ hasText: body })).toBeVisible();
}

test("presence both ways, the colleague's live timer, minutes proposed and stored", async ({ stack, agent1, agent2 }) => {
  const stamp = Date.now();
  const subject = `Presence ${stamp}`;
  const body = `Wer schaut gerade? ${stamp}`;
  await newTicket(stack, subject, body, `<presence-${stamp}@customer.test>`);
  const row2 = agent2.getByTestId("ticket-row").filter({ hasText: subject });
  await expect(row2).toBeVisible({ timeout: 20_000 });

  // Agent 1 opens the ticket: agent 2's list row shows it is being viewed.
  await openFromList(agent1, subject, body);
  await expect(row2.getByTestId("row-presence")).toContainText("1 viewing");
  await expect(agent1.getByTestId("presence")).toHaveCount(0); // alone: nothing to show

  // Agent 2 opens it too: each sees the other, themselves marked.
  await openFromList(agent2, subject, body);
  await expect(agent1.getByTestId("presence").getByTestId("viewer").filter({ hasText: "Agent 2" })).toBeVisible();
  await expect(agent2.getByTestId("presence").getByTestId("viewer").filter({ hasText: "Agent 1" })).toBeVisible();
  await expect(agent2.locator('[data-testid="viewer"][data-self="true"]')).toHaveText("Agent 2 (you)");

  // Agent 1 starts replying: agent 2 sees who, and the timer ticking from what the server relayed.
  await agent1.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(agent2.getByTestId("lock-banner")).toContainText("Agent 1 is replying");
  const colleagueTimer = agent2.getByTestId("lock-banner").getByTestId("lock-timer");
  await expect(colleagueTimer).toHaveText(/Agent 1 · 00:0[1-9]/);
  const first = await colleagueTimer.textContent();
  await expect(colleagueTimer).not.toHaveText(first!); // it ticks without a reload

  // Pause is seen by the colleague; the editor's buttons are real, labelled buttons.
  await agent1.getByRole("button", { name: "Pause timer" }).click();
  await expect(colleagueTimer).toContainText("(paused)");
  await agent1.getByRole("button", { name: "Resume timer" }).click();
  await expect(colleagueTimer).not.toContainText("(paused)");

  // The minutes are proposed from the timer (any started minute counts) and may be changed.
  await agent1.getByLabel("Reply to customer").fill(`Wir kümmern uns. ${stamp}`);
  const minutes = agent1.getByLabel("Time spent");
  await expect(minutes).toHaveValue("1");
  await minutes.fill("4");
  await agent1.getByRole("button", { name: "Send reply" }).click();
  const sent = agent2.getByTestId("entry").filter({ hasText: `Wir kümmern uns. ${stamp}` });
  await expect(sent.getByTestId("entry-time-spent")).toContainText("4 min");
  await expect(agent2.getByTestId("lock-banner")).toBeHidden();

  // Agent 2 leaves: agent 1 no longer sees them; agent 1's row on agent 2's list shows one viewer.
  await agent2.getByRole("link", { name: "All tickets" }).click();
  await expect(agent1.getByTestId("presence")).toHaveCount(0);
  await expect(row2.getByTestId("row-presence")).toContainText("1 viewing");
  // Agent 1 closes the tab: the row's marker goes away within a moment.
  await agent1.close();
  await expect(row2.getByTestId("row-presence")).toHaveCount(0, { timeout: 20_000 }); // a busy machine may take longer
});

test("agent 2 takes over agent 1's reply after confirming; agent 1 is told and gets the draft back", async ({ stack, agent1, agent2 }) => {
  const stamp = Date.now();
  const subject = `Takeover ${stamp}`;
  const body = `Bitte Rückruf. ${stamp}`;
  const draft = `Entwurf von Agent 1, ${stamp}`;
  await newTicket(stack, subject, body, `<takeover-${stamp}@customer.test>`);
  await expect(agent2.getByTestId("ticket-row").filter({ hasText: subject })).toBeVisible({ timeout: 20_000 });

  await openFromList(agent1, subject, body);
  await agent1.getByRole("button", { name: "Reply", exact: true }).click();
  await agent1.getByLabel("Reply to customer").fill(draft);
  await openFromList(agent2, subject, body);
  await expect(agent2.getByTestId("lock-banner")).toContainText("Agent 1 is replying");

  // Agent 2 asks for the editor: a dialog asks first; Escape and Cancel leave everything as it was.
  await agent2.getByRole("button", { name: "Reply", exact: true }).click();
  const dialog = agent2.getByRole("dialog", { name: "Agent 1 is replying. Take over?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await agent2.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(agent2.getByTestId("reply-editor")).toHaveCount(0);
  await expect(agent1.getByLabel("Reply to customer")).toHaveText(draft);

  await agent2.getByRole("button", { name: "Reply", exact: true }).click();
  await dialog.getByRole("button", { name: "Take over" }).click();
  await expect(dialog).toBeHidden();
  await expect(agent2.getByLabel("Reply to customer")).toBeVisible();

  // Agent 1 is told at once; the editor closes, and agent 1 now sees agent 2 writing.
  await expect(agent1.getByTestId("took-over")).toContainText("Agent 2 took over.");
  await expect(agent1.getByTestId("reply-editor")).toHaveCount(0);
  await expect(agent1.getByTestId("lock-banner")).toContainText("Agent 2 is replying");

  // Agent 2 cancels; agent 1 opens the editor again and is offered the draft.
  await agent2.getByRole("button", { name: "Cancel" }).click();
  await expect(agent1.getByTestId("lock-banner")).toBeHidden();
  await agent1.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(agent1.getByLabel("Reply to customer")).toHaveText("");
  await agent1.getByRole("button", { name: "Restore your draft" }).click();
  await expect(agent1.getByLabel("Reply to customer")).toHaveText(draft);

  // A reload with the editor open loses nothing either.
  await agent1.getByLabel("Reply to customer").fill(`${draft} – ergänzt`);
  await agent1.reload();
  await expect(agent1.getByTestId("entry").filter({ hasText: body })).toBeVisible();
  await agent1.getByRole("button", { name: "Reply", exact: true }).click();
  await agent1.getByRole("button", { name: "Restore your draft" }).click();
  await expect(agent1.getByLabel("Reply to customer")).toHaveText(`${draft} – ergänzt`);
});

test("a customer mail that arrives while writing stops the send until the agent confirms", async ({ stack, agent1 }) => {
  const stamp = Date.now();
  const subject = `Collision ${stamp}`;
  const body = `Mein Konto ist gesperrt. ${stamp}`;
  const firstId = `<collision-${stamp}@customer.test>`;
  await newTicket(stack, subject, body, firstId);
  await openFromList(agent1, subject, body);
  const number = (await agent1.getByTestId("ticket-number").textContent())!.replace("#", "");

  await agent1.getByRole("button", { name: "Reply", exact: true }).click();
  await agent1.getByLabel("Reply to customer").fill(`Wir entsperren es. ${stamp}`);

  // Meanwhile the customer writes again.
  const followUp = `Hat sich erledigt, danke! ${stamp}`;
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Paula Kundin <paula@customer.test>", `To: ${stack.mailbox}`, `Subject: Re: [Ticket#${number}] ${subject}`,
    `Message-ID: <collision-2-${stamp}@customer.test>`, `In-Reply-To: ${firstId}`, `References: ${firstId}`,
    "Content-Type: text/plain; charset=utf-8", "", followUp,
  ].join("\r\n"));
  await expect(agent1.getByTestId("entry").filter({ hasText: followUp })).toBeVisible();

  await agent1.getByRole("button", { name: "Send reply" }).click();
  const prompt = agent1.getByTestId("collision");
  await expect(prompt).toContainText("A new message arrived while you were writing. Send anyway?");
  await expect(agent1.locator('[data-testid="entry"][data-highlighted="true"]')).toContainText(followUp);
  await expect(agent1.getByLabel("Reply to customer")).toHaveText(`Wir entsperren es. ${stamp}`);
  expect(stack.catcher.messages.filter((m) => m.text.includes(`Wir entsperren es. ${stamp}`))).toEqual([]);

  await prompt.getByRole("button", { name: "Send anyway" }).click();
  await expect(agent1.getByTestId("reply-editor")).toHaveCount(0);
  await expect(agent1.getByTestId("entry").filter({ hasText: `Wir entsperren es. ${stamp}` })).toBeVisible();
  const mail = await stack.catcher.waitFor((m) => m.text.includes(`Wir entsperren es. ${stamp}`));
  expect(mail.subject).toContain(`[Ticket#${number}]`);
});
