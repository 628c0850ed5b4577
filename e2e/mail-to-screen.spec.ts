// The foundation's promise, step by step: a mail APPENDed over IMAP appears in two agents'
// lists without a reload; one agent's reply lock is seen by the other; the reply leaves over
// SMTP with [Ticket#N] and threading headers; the customer's answer lands live in the ticket.
import { appendMail } from "./fixtures/dovecot";
import { expect, test } from "./fixtures/test";

test("mail becomes a ticket on both screens, reply is locked, sent and answered live", async ({ stack, agent1, agent2 }) => {
  const stamp = Date.now();
  const subject = `Drucker druckt leere Seiten ${stamp}`;
  const customerMessageId = `<first-${stamp}@customer.test>`;

  // Both agents are on their lists before the mail exists: what follows must arrive live.
  await expect(agent1.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(agent2.getByRole("heading", { level: 1 })).toBeVisible();
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Carla Kundin <carla@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: ${customerMessageId}`, "Date: Mon, 23 Nov 2026 10:00:00 +0100",
    "Content-Type: text/plain; charset=utf-8", "", "Seit dem Update kommen nur leere Seiten.",
  ].join("\r\n"));

  const row1 = agent1.getByTestId("ticket-row").filter({ hasText: subject });
  const row2 = agent2.getByTestId("ticket-row").filter({ hasText: subject });
  await expect(row1).toBeVisible();
  await expect(row2).toBeVisible();
  const ticketNumber = await row1.getAttribute("data-ticket-number");
  expect(ticketNumber).toMatch(/^\d+$/);

  // Agent 1 opens the reply editor; agent 2 sees it on the row, then on the ticket.
  await row1.click();
  await expect(agent1.getByText("Seit dem Update kommen nur leere Seiten.")).toBeVisible();
  await agent1.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(row2.getByTestId("row-lock")).toContainText("Agent 1 is replying");
  await row2.click();
  await expect(agent2.getByTestId("lock-banner")).toContainText("Agent 1 is replying");

  // While agent 1 holds the lock, agent 2 cannot open an editor of their own.
  await agent2.getByRole("button", { name: "Internal comment" }).click();
  await expect(agent2.getByLabel("Internal comment", { exact: true })).toHaveCount(0);

  // Agent 1 sends the reply; it leaves over SMTP with the ticket tag and threading headers.
  await agent1.getByLabel("Reply to customer").fill("Bitte installieren Sie den neuen Treiber.");
  await agent1.getByRole("button", { name: "Send reply" }).click();
  await expect(agent2.getByTestId("lock-banner")).toBeHidden();
  const sent = await stack.catcher.waitFor((m) => m.subject.includes(`[Ticket#${ticketNumber}]`));
  expect(sent.subject).toBe(`[Ticket#${ticketNumber}] ${subject}`);
  expect(sent.to).toEqual(["carla@customer.test"]);
  expect(sent.inReplyTo).toBe(customerMessageId);
  expect(sent.references).toContain(customerMessageId);
  expect(sent.messageId).toMatch(/^<.+@example\.test>$/);
  // The worker announces the delivery: the sender's open ticket shows "sent" without a reload.
  await expect(agent1.locator('[data-testid="delivery-status"][data-status="sent"]')).toBeVisible();
  await expect(agent2.getByTestId("entry").filter({ hasText: "Bitte installieren Sie den neuen Treiber." })).toBeVisible();

  // Agent 2 now adds an internal comment: agent 1 sees it live, the customer never gets it.
  await agent2.getByRole("button", { name: "Internal comment" }).click();
  await agent2.getByLabel("Internal comment", { exact: true }).fill("Intern: Treiber-Bug ist bekannt.");
  await agent2.getByRole("button", { name: "Add comment" }).click();
  await expect(
    agent1.locator('[data-testid="entry"][data-kind="internal_comment"]').filter({ hasText: "Intern: Treiber-Bug ist bekannt." }),
  ).toBeVisible();

  // The customer answers that e-mail; it lands in the same ticket on agent 2's open view.
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Carla Kundin <carla@customer.test>", `To: ${stack.mailbox}`, `Subject: Re: ${sent.subject}`,
    `Message-ID: <answer-${stamp}@customer.test>`, `In-Reply-To: ${sent.messageId}`, `References: ${customerMessageId} ${sent.messageId}`,
    "Content-Type: text/plain; charset=utf-8", "", "Danke, jetzt geht es wieder!",
  ].join("\r\n"));
  await expect(agent2.getByTestId("entry").filter({ hasText: "Danke, jetzt geht es wieder!" })).toBeVisible();
  await expect(agent1.getByTestId("entry").filter({ hasText: "Danke, jetzt geht es wieder!" })).toBeVisible();
  // Exactly one mail about this ticket went out: not the comment, no duplicate. (Other specs
  // share the stack and its catcher.)
  const aboutTicket = stack.catcher.messages.filter((m) => m.subject.includes(`[Ticket#${ticketNumber}]`) || m.text.includes("Treiber-Bug"));
  expect(aboutTicket.map((m) => m.messageId)).toEqual([sent.messageId]);
});
