// The conversation on a ticket (D1, D4–D8): the missing-attachment warning (in German and
// English, switchable on the profile), placeholders with a server-rendered preview, attachment
// types checked by content, internal files that are never mailed, the timeline's icons, order
// and filter, and an entry marked as the solution with a topic.
import type { Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import { appendMail } from "./fixtures/dovecot";
import type { AppStack } from "./fixtures/app-stack";
import { backToEnglish, expect, openAdminPage, signIn, test } from "./fixtures/test";

async function newTicket(stack: AppStack, page: Page, subject: string, body: string) {
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Paula Kundin <paula.conv@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <conv-${Date.now()}-${Math.random().toString(36).slice(2)}@customer.test>`,
    "Content-Type: text/plain; charset=utf-8", "", body,
  ].join("\r\n"));
  const row = page.getByTestId("ticket-row").filter({ hasText: subject });
  await expect(row).toBeVisible({ timeout: 20_000 });
  const number = await row.getAttribute("data-ticket-number");
  await row.getByRole("link", { name: subject }).click();
  await expect(page.getByTestId("entry").filter({ hasText: body })).toBeVisible();
  return number;
}

const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2_000, 7)]);
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test("a text that promises a file warns before sending, in English and German, unless switched off", async ({ stack, agent1 }, testInfo) => {
  const stamp = Date.now();
  const subject = `Warn me ${stamp}`;
  const number = await newTicket(stack, agent1, subject, `Wo ist die Rechnung? ${stamp}`);

  // English: "attached" without a file → the dialog; "Attach a file" opens the file chooser.
  await agent1.getByRole("button", { name: "Reply", exact: true }).click();
  // Sending nothing says so; the message goes as soon as there is text.
  await agent1.getByRole("button", { name: "Send reply" }).click();
  const empty = agent1.getByText("Write something first");
  await expect(empty).toBeVisible();
  await agent1.getByLabel("Reply to customer").fill(`Please find the invoice attached. ${stamp}`);
  await expect(empty).toHaveCount(0);
  await agent1.getByRole("button", { name: "Send reply" }).click();
  const dialog = agent1.getByTestId("missing-attachment-dialog");
  await expect(dialog).toContainText("mentions “attached”");
  await agent1.screenshot({ path: testInfo.outputPath("missing-attachment.png") });
  // "Back to editing" returns to the text as it was.
  await dialog.getByRole("button", { name: "Back to editing" }).click();
  await expect(dialog).toBeHidden();
  await expect(agent1.getByLabel("Reply to customer")).toContainText(`invoice attached. ${stamp}`);
  await agent1.getByRole("button", { name: "Send reply" }).click();
  const chooser = agent1.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Attach a file" }).click();
  await (await chooser).setFiles({ name: "Rechnung.pdf", mimeType: "application/pdf", buffer: pdf });
  await expect(dialog).toBeHidden();
  await expect(agent1.getByTestId("pending-file").filter({ hasText: "Rechnung.pdf" })).toHaveAttribute("data-state", "done");
  await agent1.getByRole("button", { name: "Send reply" }).click();
  const sent = await stack.catcher.waitFor((m) => m.subject.includes(`[Ticket#${number}]`) && m.text.includes(`attached. ${stamp}`));
  expect(sent.attachments.map((a) => a.filename)).toEqual(["Rechnung.pdf"]);

  // German: "Anbei" in a comment; "Trotzdem senden" sends it without a file.
  await agent1.getByLabel("Language").selectOption("de");
  await agent1.getByRole("button", { name: "Interner Kommentar", exact: true }).click();
  await agent1.getByLabel("Interner Kommentar", { exact: true }).fill(`Anbei das Protokoll ${stamp}`);
  await agent1.getByRole("button", { name: "Kommentar hinzufügen" }).click();
  await expect(dialog).toContainText("„Anbei“");
  await dialog.getByRole("button", { name: "Trotzdem senden" }).click();
  await expect(agent1.getByTestId("entry").filter({ hasText: `Anbei das Protokoll ${stamp}` })).toBeVisible();
  await backToEnglish(agent1);

  // Switched off on the profile: no question any more (and switched back on afterwards).
  const ticketUrl = agent1.url();
  const setWarning = async (on: boolean) => {
    await agent1.getByRole("link", { name: /Your profile/ }).click();
    const toggle = agent1.getByRole("switch", { name: "Warn about missing attachments" });
    if ((await toggle.isChecked()) !== on) await agent1.locator("label", { has: toggle }).click();
    await expect(toggle).toBeChecked({ checked: on });
    await agent1.getByRole("button", { name: "Save" }).click();
    await expect(agent1.getByText("Saved.")).toBeVisible();
  };
  await setWarning(false);
  await agent1.goto(ticketUrl);
  await agent1.getByRole("button", { name: "Internal comment", exact: true }).click();
  await agent1.getByLabel("Internal comment", { exact: true }).fill(`See the screenshot ${stamp}`);
  await agent1.getByRole("button", { name: "Add comment" }).click();
  await expect(agent1.getByTestId("entry").filter({ hasText: `See the screenshot ${stamp}` })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await setWarning(true);
});

test("placeholders: inserted from the menu, previewed with empty ones flagged, sent as final text", async ({ stack, agent1 }, testInfo) => {
  const stamp = Date.now();
  const subject = `Placeholders ${stamp}`;
  const number = await newTicket(stack, agent1, subject, `Bitte um Rückruf ${stamp}`);
  await agent1.getByRole("button", { name: "Reply", exact: true }).click();
  const text = agent1.getByLabel("Reply to customer");
  await text.fill("");
  await agent1.getByLabel("Insert placeholder").selectOption({ label: "Customer's name" });
  await text.press("End");
  await text.pressSequentially(`, about #`);
  await agent1.getByLabel("Insert placeholder").selectOption({ label: "Ticket number" });
  await text.press("End");
  await text.pressSequentially(` (company: {{customer.company}}) ${stamp}`);
  await expect(text).toHaveText(`{{customer.name}}, about #{{ticket.number}} (company: {{customer.company}}) ${stamp}`);

  await agent1.getByRole("button", { name: "Preview" }).click();
  const preview = agent1.getByTestId("placeholder-preview");
  await expect(preview.getByTestId("preview-text")).toHaveText(`Paula Kundin, about #${number} (company: ) ${stamp}`);
  await expect(preview.getByTestId("preview-empty")).toHaveText("No value, will be empty: Customer's company");
  await agent1.screenshot({ path: testInfo.outputPath("placeholder-preview.png") });

  // An unknown placeholder is named in the preview and refused on sending; the text stays.
  await text.fill(`Hello {{customer.shoeSize}} ${stamp}`);
  await expect(preview.getByTestId("preview-unknown")).toContainText("{{customer.shoeSize}}");
  await agent1.getByRole("button", { name: "Send reply" }).click();
  await expect(agent1.getByRole("alert").filter({ hasText: "Unknown placeholder" })).toBeVisible();
  await expect(text).toHaveText(`Hello {{customer.shoeSize}} ${stamp}`);

  await text.fill(`{{customer.name}}, ticket {{ticket.number}} is solved. ${stamp}`);
  await agent1.getByRole("button", { name: "Send reply" }).click();
  const mail = await stack.catcher.waitFor((m) => m.subject.includes(`[Ticket#${number}]`) && m.text.includes(`is solved. ${stamp}`));
  expect(mail.text).toContain(`Paula Kundin, ticket ${number} is solved. ${stamp}`);
  await expect(agent1.getByTestId("entry").filter({ hasText: `Paula Kundin, ticket ${number} is solved. ${stamp}` })).toBeVisible();
});

test("attachments: checked by content and size as the admin set, internal files never mailed, uploader and images shown", async ({ stack, browser, agent1 }, testInfo) => {
  const stamp = Date.now();
  const subject = `Files ${stamp}`;
  const number = await newTicket(stack, agent1, subject, `Anbei nichts ${stamp}`);

  // The admin lowers the size limit.
  const admin = await signIn(browser, stack, "admin");
  await openAdminPage(admin, "Settings");
  const setMax = async (mb: string) => {
    await admin.getByLabel("Largest file users may attach (MB, at most 25)").fill(mb);
    await admin.getByRole("button", { name: "Save settings" }).click();
    await expect(admin.getByText("Saved.")).toBeVisible();
  };
  await expect(admin.getByRole("checkbox", { name: ".pdf" })).toBeChecked();
  await setMax("1");
  await admin.screenshot({ path: testInfo.outputPath("settings.png"), fullPage: true });

  try {
    await agent1.getByRole("button", { name: "Reply", exact: true }).click();
    await agent1.getByLabel("Reply to customer").fill(`Two files for you ${stamp}`);
    const chooser = agent1.waitForEvent("filechooser");
    await agent1.getByRole("button", { name: "Attach files" }).click();
    await (await chooser).setFiles([
      { name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) },
      { name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0]) },
      { name: "big.pdf", mimeType: "application/pdf", buffer: Buffer.concat([pdf, Buffer.alloc(1024 * 1024)]) },
      { name: "screen.png", mimeType: "image/png", buffer: png },
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("internal notes") },
    ]);
    const chips = agent1.getByTestId("pending-file");
    await expect(chips.filter({ hasText: "invoice.pdf" })).toContainText("The content of this file is not what its name says (.pdf)");
    await expect(chips.filter({ hasText: "setup.exe" })).toContainText("Files of type .exe are not allowed");
    await expect(chips.filter({ hasText: "big.pdf" })).toContainText("The file is larger than 1 MB");
    await expect(agent1.getByLabel("Reply to customer")).toHaveText(`Two files for you ${stamp}`); // the draft stays
    for (const name of ["invoice.pdf", "setup.exe", "big.pdf"]) await agent1.getByRole("button", { name: `Remove ${name}` }).click();
    await expect(chips.filter({ hasText: "notes.txt" })).toHaveAttribute("data-state", "done");
    await agent1.getByRole("checkbox", { name: "notes.txt internal only" }).check();
    await agent1.screenshot({ path: testInfo.outputPath("attachments-compose.png") });
    await agent1.getByRole("button", { name: "Send reply" }).click();

    const mail = await stack.catcher.waitFor((m) => m.subject.includes(`[Ticket#${number}]`) && m.text.includes(`Two files for you ${stamp}`));
    expect(mail.attachments.map((a) => a.filename)).toEqual(["screen.png"]);
    const entry = agent1.getByTestId("entry").filter({ hasText: `Two files for you ${stamp}` });
    await expect(entry.getByTestId("attachment")).toHaveCount(2);
    await expect(entry.locator('[data-testid="attachment"][data-visibility="internal"]')).toContainText("notes.txt");
    await expect(entry.locator('[data-testid="attachment"][data-visibility="internal"]')).toContainText("Agent 1");
    const image = entry.getByRole("link", { name: "Open screen.png" });
    await expect(image.locator("img")).toHaveJSProperty("naturalWidth", 1);
    const served = await agent1.request.get((await image.getAttribute("href"))!);
    expect(served.headers()["content-type"]).toBe("image/png");
    await agent1.screenshot({ path: testInfo.outputPath("attachments-timeline.png") });
  } finally {
    await setMax("25");
    await admin.context().close();
  }
});

test("timeline: icons per kind, newest first and a kind filter kept per user; a solution with its topic", async ({ stack, browser, agent1 }, testInfo) => {
  const stamp = Date.now();
  const subject = `Timeline ${stamp}`;

  // The admin adds a topic (Administration → Lists).
  const admin = await signIn(browser, stack, "admin");
  await openAdminPage(admin, "Lists");
  await admin.getByRole("tab", { name: "Topics" }).click();
  const topics = admin.getByRole("region", { name: "Topics" });
  await topics.getByRole("button", { name: "New entry" }).click();
  const form = topics.getByRole("form", { name: "New entry in Topics" });
  await form.getByLabel("Name (English)").fill(`Printers ${stamp}`);
  await form.getByLabel("Name (German)").fill(`Drucker ${stamp}`);
  await form.getByRole("button", { name: "Add entry" }).click();
  await expect(topics.getByRole("row", { name: new RegExp(`Printers ${stamp}`) })).toBeVisible();
  await admin.context().close();

  await newTicket(stack, agent1, subject, `Der Drucker druckt nicht ${stamp}`);
  await agent1.getByRole("button", { name: "Internal comment", exact: true }).click();
  await agent1.getByLabel("Internal comment", { exact: true }).fill(`Treiber neu installiert ${stamp}`);
  await agent1.getByLabel("Mark as solution").check();
  await agent1.getByLabel("Topic", { exact: true }).selectOption({ label: `Printers ${stamp}` });
  await agent1.getByRole("button", { name: "Add comment" }).click();
  const solution = agent1.getByTestId("entry").filter({ hasText: `Treiber neu installiert ${stamp}` });
  await expect(solution).toHaveAttribute("data-solution", "true");
  await expect(solution.getByTestId("entry-solution")).toHaveText("Solution");
  await expect(solution.getByTestId("entry-topic")).toHaveText(`Topic: Printers ${stamp}`);
  await solution.screenshot({ path: testInfo.outputPath("solution.png") });

  const entries = agent1.getByTestId("timeline").locator('[data-testid="entry"]:not([data-kind="system_event"])');
  await expect(entries.first()).toHaveAttribute("data-kind", "customer_mail");
  await agent1.getByLabel("Order").selectOption("newest");
  await expect(entries.first()).toContainText(`Treiber neu installiert ${stamp}`);
  await agent1.getByRole("checkbox", { name: "Internal comments" }).uncheck();
  await expect(solution).toHaveCount(0);
  await agent1.screenshot({ path: testInfo.outputPath("timeline.png"), fullPage: true });

  // Kept for this user after a reload; then back to the defaults for the specs after this one.
  await agent1.reload();
  await expect(agent1.getByLabel("Order")).toHaveValue("newest");
  await expect(agent1.getByRole("checkbox", { name: "Internal comments" })).not.toBeChecked();
  await expect(agent1.getByTestId("entry").filter({ hasText: `Der Drucker druckt nicht ${stamp}` })).toBeVisible();
  await expect(solution).toHaveCount(0);
  await agent1.getByRole("checkbox", { name: "Internal comments" }).check();
  await agent1.getByLabel("Order").selectOption("oldest");
  await expect(solution).toBeVisible();
});

test("rich text: formatting, an image pasted inline and a file dropped onto the text go out as HTML with a plain-text part", async ({ stack, agent1 }, testInfo) => {
  const stamp = Date.now();
  const subject = `Rich ${stamp}`;
  const number = await newTicket(stack, agent1, subject, `Wie sieht das aus? ${stamp}`);
  await agent1.getByRole("button", { name: "Reply", exact: true }).click();
  const text = agent1.getByLabel("Reply to customer");
  await text.fill(`So sieht es aus ${stamp}`);
  await agent1.getByRole("button", { name: "Bold" }).click();
  await text.pressSequentially(" fett");

  // Paste an image (inline) and drop a file (attachment) onto the text.
  await text.evaluate(
    (el, [b64, drop]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const pasted = new DataTransfer();
      pasted.items.add(new File([bytes], "pasted.png", { type: "image/png" }));
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: pasted, bubbles: true, cancelable: true }));
      const dropped = new DataTransfer();
      dropped.items.add(new File([drop], "log.txt", { type: "text/plain" }));
      const box = el.getBoundingClientRect();
      el.dispatchEvent(new DragEvent("drop", { dataTransfer: dropped, bubbles: true, cancelable: true, clientX: box.x + 20, clientY: box.y + 10 }));
    },
    [png.toString("base64"), "log line"] as const,
  );
  const chips = agent1.getByTestId("pending-file");
  await expect(chips.filter({ hasText: "pasted.png" })).toHaveAttribute("data-state", "done");
  await expect(chips.filter({ hasText: "log.txt" })).toHaveAttribute("data-state", "done");
  await expect(text.locator("img")).toHaveCount(1);
  await expect(text.locator("strong")).toHaveText("fett");
  await agent1.screenshot({ path: testInfo.outputPath("rich-compose.png") });
  await agent1.getByRole("button", { name: "Send reply" }).click();

  const mail = await stack.catcher.waitFor((m) => m.subject.includes(`[Ticket#${number}]`) && m.text.includes(`So sieht es aus ${stamp}`));
  expect(mail.text).toContain(`So sieht es aus ${stamp} fett`);
  const parsed = await simpleParser(mail.raw, { skipImageLinks: true });
  expect(parsed.html).toMatch(/<strong>\s?fett<\/strong>/);
  const cid = /src="cid:([0-9a-f-]{36})"/.exec(String(parsed.html))?.[1];
  expect(parsed.attachments.find((a) => a.filename === "pasted.png")?.cid).toBe(cid);
  expect(mail.attachments.map((a) => a.filename).sort()).toEqual(["log.txt", "pasted.png"]);

  const entry = agent1.getByTestId("entry").filter({ hasText: `So sieht es aus ${stamp}` });
  await expect(entry.getByTestId("entry-html").locator("strong")).toHaveText("fett");
  await expect(entry.getByTestId("entry-html").locator("img")).toHaveJSProperty("naturalWidth", 1);
  await agent1.screenshot({ path: testInfo.outputPath("rich-timeline.png") });
});
