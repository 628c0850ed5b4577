// Contacts (K1): a sender becomes a contact; an agent finds it by search, completes it, adds
// a second address and flags it. The flag shows beside the customer on the ticket list and on
// the ticket; mail from the second address lands on the same contact; a duplicate made by a
// third address is merged in, and its ticket moves along. Screenshots of list, detail and merge
// dialog go to /tmp (CONTACTS_SHOTS to change the folder).
import type { Page } from "@playwright/test";
import { appendMail } from "./fixtures/dovecot";
import type { AppStack } from "./fixtures/app-stack";
import { backToEnglish, expect, test } from "./fixtures/test";

const shots = process.env.CONTACTS_SHOTS ?? "/tmp";

async function mailFrom(stack: AppStack, from: string, subject: string, body: string) {
  await appendMail(stack.dovecot, stack.mailbox, [
    `From: ${from}`, `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W/g, "-")}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", body,
  ].join("\r\n"));
}

/** The ticket's row on the list, once the worker has filed the mail. */
async function ticketRow(page: Page, subject: string) {
  const row = page.getByTestId("ticket-row").filter({ hasText: subject });
  await expect(row).toBeVisible({ timeout: 30_000 }); // ingest runs in the worker: allow for a busy machine
  return row;
}

test("an agent finds a contact made by mail, completes and flags it, and merges a duplicate", async ({ stack, agent1 }) => {
  const stamp = Date.now();
  const first = `kim-${stamp}@customer.test`;
  const second = `kim.privat-${stamp}@customer.test`;
  const third = `k.meyer-${stamp}@other.test`;
  const printer = `Drucker ${stamp}`;
  const invoice = `Rechnung ${stamp}`;
  const delivery = `Lieferung ${stamp}`;
  const mainNav = agent1.getByRole("navigation", { name: "Main" });

  // An unknown sender writes: a ticket, and a contact with the sender's name.
  await mailFrom(stack, `Kim Meyer <${first}>`, printer, "Der Drucker druckt nicht.");
  await ticketRow(agent1, printer);

  // The agent searches the contacts (debounced, by part of the address).
  await mainNav.getByRole("link", { name: "Contacts" }).click();
  await expect(agent1.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  const search = agent1.getByLabel("Search contacts");
  await search.fill(`kim-${stamp}`);
  await expect(agent1).toHaveURL(new RegExp(`[?&]q=kim-${stamp}`));
  const rows = agent1.getByTestId("contact-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(first);
  await expect(agent1.getByTestId("contact-count")).toHaveText("1 contact");
  await agent1.screenshot({ path: `${shots}/contacts-list.png`, fullPage: true });
  await rows.first().getByRole("link", { name: "Kim Meyer" }).click();
  await expect(agent1).toHaveURL(/\/contacts\/\d+$/);
  const contactUrl = new URL(agent1.url()).pathname;
  await expect(agent1.getByTestId("contact-title")).toHaveText("Kim Meyer");

  // It is completed: names, customer number, city, and a second address.
  const form = agent1.getByRole("form", { name: "Edit contact" });
  await form.getByLabel("Salutation").selectOption({ label: "Ms" });
  await form.getByLabel("First name").fill("Kim");
  await form.getByLabel("Last name").fill("Meyer");
  await form.getByLabel("Customer number").fill(`K-${stamp}`);
  await form.getByLabel("City").fill("Leipzig");
  await form.getByRole("button", { name: "Add address" }).click();
  const address2 = form.getByRole("textbox", { name: "E-mail address 2" });
  await expect(address2).toBeFocused();
  // A bad address is named beside its field, which gets the focus; nothing typed is lost.
  await address2.fill("kim@");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(address2).toHaveAttribute("aria-invalid", "true");
  await expect(address2).toHaveAccessibleDescription("Enter a valid e-mail address");
  await expect(address2).toBeFocused();
  await expect(form.getByLabel("City")).toHaveValue("Leipzig");
  await address2.fill(second);
  // Flagged, with a note.
  await form.getByRole("radio", { name: "Flagged" }).check();
  await form.getByLabel("Note on the flag").fill("Ruft oft an, bitte freundlich bleiben");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(address2).not.toHaveAttribute("aria-invalid", "true");
  const titleFlag = agent1.getByTestId("contact-title").getByTestId("contact-flag");
  await expect(titleFlag).toHaveAttribute("data-flag", "flagged");
  await expect(agent1.getByTestId("contact-flag-banner")).toContainText("Ruft oft an");
  await agent1.screenshot({ path: `${shots}/contacts-detail.png`, fullPage: true });

  // The flag shows beside the customer on the ticket list and on the ticket, which links the contact.
  await mainNav.getByRole("link", { name: "Tickets" }).click();
  const printerRow = await ticketRow(agent1, printer);
  await expect(printerRow.getByRole("img", { name: "Flagged: Ruft oft an, bitte freundlich bleiben" })).toBeVisible();
  await agent1.screenshot({ path: `${shots}/contacts-ticket-list.png` });
  await printerRow.getByRole("link", { name: printer }).click();
  const customer = agent1.getByTestId("ticket-customer");
  await expect(customer.getByRole("img", { name: /^Flagged/ })).toBeVisible();
  await expect(customer.getByRole("link", { name: "Kim Meyer" })).toHaveAttribute("href", contactUrl);
  await agent1.screenshot({ path: `${shots}/contacts-ticket.png` });

  // Mail from the second address lands on the same contact.
  await mailFrom(stack, `Kim privat <${second}>`, invoice, "Die Rechnung fehlt.");
  await mainNav.getByRole("link", { name: "Tickets" }).click();
  const invoiceRow = await ticketRow(agent1, invoice);
  await expect(invoiceRow).toContainText("Kim Meyer");
  await expect(invoiceRow.getByTestId("contact-flag")).toBeVisible();

  // A third address makes a duplicate contact, with its own ticket.
  await mailFrom(stack, `K. Meyer <${third}>`, delivery, "Wo bleibt die Lieferung?");
  const deliveryRow = await ticketRow(agent1, delivery);
  await expect(deliveryRow).toContainText("K. Meyer");
  await expect(deliveryRow.getByTestId("contact-flag")).toHaveCount(0);

  // The agent merges the duplicate into Kim, from Kim's page, by keyboard where it counts.
  await agent1.goto(contactUrl);
  const tickets = agent1.getByTestId("contact-ticket");
  await expect(tickets).toHaveCount(2);
  await agent1.getByRole("button", { name: "Merge a duplicate…" }).click();
  const dialog = agent1.getByTestId("merge-dialog");
  await expect(dialog.getByLabel("Find the duplicate")).toBeFocused();
  await agent1.keyboard.type(`k.meyer-${stamp}`);
  await dialog.getByRole("radio", { name: /K\. Meyer/ }).check();
  await expect(dialog.getByRole("radio", { name: "Keep Kim Meyer" })).toBeChecked();
  await expect(dialog.getByTestId("merge-summary")).toContainText("K. Meyer will be merged into Kim Meyer");
  await agent1.screenshot({ path: `${shots}/contacts-merge.png` });
  await dialog.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(dialog).toBeHidden();

  // The duplicate's ticket and address moved; it is gone.
  await expect(tickets).toHaveCount(3);
  await expect(tickets.filter({ hasText: delivery })).toBeVisible();
  await expect(agent1.getByRole("form", { name: "Edit contact" }).getByRole("textbox", { name: "E-mail address 3" })).toHaveValue(third);
  await mainNav.getByRole("link", { name: "Contacts" }).click();
  await agent1.getByLabel("Search contacts").fill(third);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("link")).toHaveText("Kim Meyer");
  await mainNav.getByRole("link", { name: "Tickets" }).click();
  const movedRow = await ticketRow(agent1, delivery);
  await expect(movedRow).toContainText("Kim Meyer");
  await expect(movedRow.getByTestId("contact-flag")).toBeVisible();

  // In German, too.
  await agent1.goto(contactUrl);
  await agent1.getByLabel("Language").selectOption("de");
  await expect(agent1.getByRole("button", { name: "Dublette zusammenführen…" })).toBeVisible();
  await expect(agent1.getByRole("form", { name: "Kontakt bearbeiten" }).getByRole("textbox", { name: "E-Mail-Adresse 3" })).toHaveValue(third);
  await expect(agent1.getByTestId("contact-title").getByRole("img", { name: /^Markiert: Ruft oft an/ })).toBeVisible();
  await agent1.screenshot({ path: `${shots}/contacts-detail-de.png` });
  // The language is stored per user: back to English for the specs that follow.
  await backToEnglish(agent1);
  await expect(agent1.getByRole("button", { name: "Merge a duplicate…" })).toBeVisible();
});
