// An agent attaches files to a reply: they upload at once, go out with the mail, and show
// in the timeline; a file over the cap is refused before it uploads, and blocks sending.
import { appendMail } from "./fixtures/dovecot";
import { expect, test } from "./fixtures/test";

test("a reply carries its attached files to the customer and into the timeline", async ({ stack, agent1 }) => {
  const subject = `Need the invoice ${Date.now()}`;
  await appendMail(stack.dovecot, stack.mailbox, `From: Finn <finn@customer.test>\r\nTo: ${stack.mailbox}\r\nSubject: ${subject}\r\nMessage-ID: <att-${Date.now()}@customer.test>\r\n\r\nPlease send it again.\r\n`);
  const row = agent1.getByTestId("ticket-row").filter({ hasText: subject });
  const number = await row.getAttribute("data-ticket-number");
  await row.click();

  await agent1.getByRole("button", { name: "Reply", exact: true }).click();
  await agent1.getByLabel("Reply to customer").fill("Here it is.");
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(200_000, 1)]);
  const chooser = agent1.waitForEvent("filechooser");
  await agent1.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles([
    { name: "Rechnung März.pdf", mimeType: "application/pdf", buffer: pdf },
    { name: "huge.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(25 * 1024 * 1024 + 1) },
  ]);
  const chips = agent1.getByTestId("pending-file");
  await expect(chips.filter({ hasText: "Rechnung März.pdf" })).toHaveAttribute("data-state", "done");
  await expect(chips.filter({ hasText: "huge.bin" })).toContainText("larger than 25 MB");
  await expect(agent1.getByRole("button", { name: "Send reply" })).toBeDisabled();
  await agent1.getByRole("button", { name: "Remove huge.bin" }).click();
  await agent1.getByRole("button", { name: "Send reply" }).click();

  const sent = await stack.catcher.waitFor((m) => m.subject.includes(`[Ticket#${number}]`));
  expect(sent.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([["Rechnung März.pdf", "application/pdf", pdf.length]]);
  const entry = agent1.getByTestId("entry").filter({ hasText: "Here it is." });
  const link = entry.getByRole("link", { name: /Rechnung März\.pdf/ });
  await expect(link).toBeVisible();
  const download = await agent1.request.get((await link.getAttribute("href"))!);
  expect((await download.body()).equals(pdf)).toBe(true);

  // Uploading needs a session and the custom header.
  expect((await fetch(`${stack.urls[0]}/api/uploads`, { method: "POST", headers: { "X-Filename": "x" }, body: "x" })).status).toBe(401);
  expect((await agent1.request.post("/api/uploads", { data: "x" })).status()).toBe(400);
});
