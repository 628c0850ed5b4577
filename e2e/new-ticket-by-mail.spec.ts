// C4: an agent opens a ticket by writing an e-mail: from a chosen account and queue, to two
// To addresses with CC and BCC, with a file. A bad address is named beside its field and
// nothing typed or attached is lost; once fixed, the mail is the ticket's first entry and
// leaves over SMTP with [Ticket#N], the right headers and envelope, and the file.
import { expect, test } from "./fixtures/test";

test("a ticket opened by e-mail goes to To, CC and BCC and shows as its first entry", async ({ stack, agent1 }, testInfo) => {
  const stamp = Date.now();
  const lead = `lena-${stamp}@customer.test`;
  const second = `tom-${stamp}@customer.test`;
  const cc = `chef-${stamp}@customer.test`;
  const bcc = `archiv-${stamp}@helpdesk.test`;
  const subject = `Angebot Wartungsvertrag ${stamp}`;
  const body = "Guten Tag,\nanbei unser Angebot für den Wartungsvertrag.";
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(50_000, 7)]);

  await agent1.getByRole("link", { name: "New ticket" }).click();
  await expect(agent1.getByRole("heading", { level: 1, name: "New ticket" })).toBeVisible();
  const form = agent1.locator("form");
  await form.getByLabel("Queue", { exact: true }).selectOption({ label: "Sales" });
  await form.getByLabel("Send the first text to the customer as an e-mail").check();
  await form.getByLabel("Send from", { exact: true }).selectOption({ label: stack.mailbox });
  // With the box ticked, the customer field is the mail's To line.
  const to = form.getByLabel("To", { exact: true });
  await to.fill(`${lead}, not-an-address`);
  await form.getByLabel("CC", { exact: true }).fill(cc);
  await form.getByLabel("BCC", { exact: true }).fill(bcc);
  await form.getByLabel("Subject", { exact: true }).fill(subject);
  await form.getByLabel("First text", { exact: true }).fill(body);
  const chooser = agent1.waitForEvent("filechooser");
  await form.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles({ name: "Angebot 2026.pdf", mimeType: "application/pdf", buffer: pdf });
  await expect(agent1.getByTestId("pending-file").filter({ hasText: "Angebot 2026.pdf" })).toHaveAttribute("data-state", "done");

  // A bad address: named beside its field, focused, and nothing is sent or lost.
  await form.getByRole("button", { name: "Create ticket and send" }).click();
  await expect(form.getByText("Not a valid e-mail address: not-an-address")).toBeVisible();
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await expect(to).toBeFocused();
  await expect(to).toHaveAccessibleDescription(/Not a valid e-mail address: not-an-address/);
  await expect(form.getByRole("alert")).toHaveText("Please correct the marked fields.");
  await expect(agent1).toHaveURL(/\/tickets\/new$/);
  await expect(to).toHaveValue(`${lead}, not-an-address`);
  await expect(form.getByLabel("Queue", { exact: true }).locator("option:checked")).toHaveText("Sales");
  await expect(form.getByLabel("Send from", { exact: true }).locator("option:checked")).toHaveText(stack.mailbox);
  await expect(form.getByLabel("CC", { exact: true })).toHaveValue(cc);
  await expect(form.getByLabel("BCC", { exact: true })).toHaveValue(bcc);
  await expect(form.getByLabel("Subject", { exact: true })).toHaveValue(subject);
  await expect(form.getByLabel("First text", { exact: true })).toHaveValue(body);
  await expect(agent1.getByTestId("pending-file").filter({ hasText: "Angebot 2026.pdf" })).toHaveAttribute("data-state", "done");
  await agent1.screenshot({ path: testInfo.outputPath("new-ticket-bad-address.png"), fullPage: true });

  // A bad CC is caught the same way once To is right.
  await to.fill(`${lead}, ${second}`);
  await form.getByLabel("CC", { exact: true }).fill(`${cc}, chef@`);
  await form.getByRole("button", { name: "Create ticket and send" }).click();
  await expect(form.getByText("Not a valid e-mail address: chef@")).toBeVisible();
  await expect(form.getByLabel("CC", { exact: true })).toBeFocused();
  await expect(to).not.toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("CC", { exact: true }).fill(cc);
  await form.getByRole("button", { name: "Create ticket and send" }).click();

  // The ticket opens with the mail as its first entry: text, file and every recipient.
  await agent1.waitForURL(/\/tickets\/\d+$/);
  await expect(agent1.getByTestId("ticket-title")).toHaveText(subject);
  const number = (await agent1.getByTestId("ticket-number").textContent())!.replace("#", "").trim();
  expect(number).toMatch(/^\d+$/);
  const first = agent1.getByTestId("entry").first();
  await expect(first).toHaveAttribute("data-kind", "agent_message");
  await expect(first).toContainText("anbei unser Angebot für den Wartungsvertrag.");
  await expect(first.getByRole("link", { name: /Angebot 2026\.pdf/ })).toBeVisible();
  await expect(first.getByTestId("entry-to")).toHaveText(`To: ${lead}, ${second}`);
  await expect(first.getByTestId("entry-cc")).toHaveText(`CC: ${cc}`);
  await expect(first.getByTestId("entry-bcc")).toHaveText(`BCC: ${bcc}`);
  await expect(agent1.getByTestId("entry")).toHaveCount(1);
  // The worker's delivery shows without a reload.
  await expect(first.getByTestId("delivery-status")).toHaveAttribute("data-status", "sent");
  await agent1.screenshot({ path: testInfo.outputPath("new-ticket-first-entry.png"), fullPage: true });

  // What left over SMTP: headers for To and CC, the BCC only in the envelope.
  const sent = await stack.catcher.waitFor((m) => m.subject.includes(subject));
  expect(sent.subject).toBe(`[Ticket#${number}] ${subject}`);
  expect(sent.from).toBe(stack.mailbox);
  expect(sent.to).toEqual([lead, second]);
  expect(sent.cc).toEqual([cc]);
  expect(sent.headers.has("bcc")).toBe(false);
  expect(sent.raw.toString("latin1")).not.toContain(bcc);
  expect([...sent.envelopeTo].sort()).toEqual([lead, second, cc, bcc].sort());
  expect(sent.text).toContain("anbei unser Angebot für den Wartungsvertrag.");
  expect(sent.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([["Angebot 2026.pdf", "application/pdf", pdf.length]]);
  expect(sent.attachments[0].content.equals(pdf)).toBe(true);
  expect(stack.catcher.messages.filter((m) => m.subject.includes(subject))).toHaveLength(1);

  // The new ticket is in the Sales queue and belongs to the first To address.
  await expect(agent1.getByRole("complementary")).toContainText("Sales");
  await expect(agent1.getByTestId("ticket-customer")).toHaveText(lead);
});
