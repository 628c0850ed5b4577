// A reply the customer's mail server refuses for good (550, unknown recipient) shows as
// "Not delivered" with the server's reason, live and without an hour of retries; once the
// cause is fixed, "Send again" sends it, the entry turns "Sent" live, and exactly one copy leaves.
import { appendMail } from "./fixtures/dovecot";
import { expect, test } from "./fixtures/test";

test("a refused reply shows why, and goes out once after Send again", async ({ stack, agent1 }, testInfo) => {
  const stamp = Date.now();
  const customer = `moved-away-${stamp}@customer.test`;
  const subject = `Ersatzteil bestellt ${stamp}`;
  await appendMail(stack.dovecot, stack.mailbox, [
    `From: Greta Kundin <${customer}>`, `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <retry-${stamp}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", "Wann kommt das Ersatzteil?",
  ].join("\r\n"));
  const row = agent1.getByTestId("ticket-row").filter({ hasText: subject });
  const number = await row.getAttribute("data-ticket-number");
  await row.click();
  await expect(agent1.getByText("Wann kommt das Ersatzteil?")).toBeVisible();
  const tagged = (m: { subject: string }) => m.subject.includes(`[Ticket#${number}]`);

  // The customer's server now refuses the address.
  stack.catcher.rejectRecipients.add(customer);
  try {
    await agent1.getByRole("button", { name: "Reply", exact: true }).click();
    await agent1.getByLabel("Reply to customer").fill("Das Ersatzteil ist unterwegs.");
    await agent1.getByRole("button", { name: "Send reply" }).click();

    const entry = agent1.getByTestId("entry").filter({ hasText: "Das Ersatzteil ist unterwegs." });
    const status = entry.getByTestId("delivery-status");
    await expect(status).toHaveAttribute("data-status", "failed");
    await expect(status).toHaveText("Delivery: Not delivered");
    await expect(entry).toContainText(`550 5.1.1 <${customer}>: Recipient address rejected`);
    expect(stack.catcher.messages.filter(tagged)).toHaveLength(0);
    await agent1.screenshot({ path: testInfo.outputPath("delivery-failed.png"), fullPage: true });

    // Fixed (say, the customer's mailbox exists again): sent again by hand, it goes out.
    stack.catcher.rejectRecipients.delete(customer);
    await entry.getByRole("button", { name: "Send again" }).click();
    await expect(status).toHaveAttribute("data-status", "sent");
    await expect(entry.getByRole("button", { name: "Send again" })).toBeHidden();
    await expect(entry).not.toContainText("Recipient address rejected");
  } finally {
    stack.catcher.rejectRecipients.delete(customer);
  }

  const sent = await stack.catcher.waitFor(tagged);
  expect(sent.subject).toBe(`[Ticket#${number}] ${subject}`);
  expect(sent.to).toEqual([customer]);
  expect(sent.envelopeTo).toEqual([customer]);
  expect(sent.text).toContain("Das Ersatzteil ist unterwegs.");
  expect(stack.catcher.messages.filter(tagged)).toHaveLength(1);
});
