// The agent's daily moves on one ticket: the kinds of ticket from the New-ticket form (C2, C3)
// and what they allow (C5), "other tickets of this customer" (C9), claiming with the customer
// told (C10), and the keyboard shortcuts with their "?" overlay (I7).
import type { Page } from "@playwright/test";
import { appendMail } from "./fixtures/dovecot";
import { expect, openAdminPage, signIn, test } from "./fixtures/test";

async function newTicket(page: Page, kind: "Record a phone call or request" | "Internal ticket", subject: string, customer = "") {
  await page.getByRole("link", { name: "New ticket" }).click();
  const form = page.locator("form");
  await form.getByLabel(kind).check();
  if (customer) await form.getByLabel(/^Customer e-mail/).fill(customer);
  await form.getByLabel("Subject", { exact: true }).fill(subject);
  await form.getByLabel("First text", { exact: true }).fill(`Notiz: ${subject}`);
  await form.getByRole("button", { name: "Create ticket" }).click();
  await page.waitForURL(/\/tickets\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
}

test("internal and phone tickets; other tickets of the customer", async ({ agent1 }, testInfo) => {
  const stamp = Date.now();
  // Internal: no customer needed, the first text is a comment, and nothing can go to a customer.
  await newTicket(agent1, "Internal ticket", `Server move ${stamp}`);
  await expect(agent1.getByTestId("ticket-kind")).toHaveText("Internal ticket");
  await expect(agent1.getByTestId("entry").first()).toHaveAttribute("data-kind", "internal_comment");
  await expect(agent1.getByRole("button", { name: "Reply", exact: true })).toHaveCount(0);
  await expect(agent1.getByTestId("no-messages")).toHaveText("Internal ticket: nothing goes to a customer. Write a comment.");
  await expect(agent1.getByTestId("ticket-owner")).toHaveText("Agent 1"); // a new ticket is its creator's

  // Two phone requests of one customer: each shows the other.
  const customer = `otto-${stamp}@customer.test`;
  await newTicket(agent1, "Record a phone call or request", `First call ${stamp}`, customer);
  await newTicket(agent1, "Record a phone call or request", `Second call ${stamp}`, customer);
  await expect(agent1.getByTestId("ticket-kind")).toHaveText("Phone request");
  const others = agent1.getByTestId("other-tickets");
  await expect(others.getByRole("heading", { name: "Other tickets of this customer" })).toBeVisible();
  await expect(others.getByTestId("contact-ticket")).toHaveCount(1);
  await expect(others.getByRole("link", { name: `First call ${stamp}` })).toBeVisible();
  await agent1.screenshot({ path: testInfo.outputPath("other-tickets.png"), fullPage: true });
});

test("an agent claims a mailed ticket by keyboard; the customer is told and the colleague sees it live", async ({ browser, stack, agent1, agent2 }, testInfo) => {
  const stamp = Date.now();
  const admin = await signIn(browser, stack, "admin");
  await openAdminPage(admin, "Settings");
  await admin.getByLabel("Tell the customer when an agent takes their ticket").check();
  await admin.getByLabel("Message on taking a ticket").fill("{agent} kümmert sich jetzt um Ihr Anliegen.");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  try {
    const subjects = [`Claim me ${stamp}`, `Claim me too ${stamp}`];
    for (const subject of subjects) {
      await appendMail(stack.dovecot, stack.mailbox, [
        "From: Clara Kundin <clara@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
        `Message-ID: <${subject.replace(/\W+/g, "-")}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", "Hallo, wer hilft mir?",
      ].join("\r\n"));
    }
    for (const subject of subjects) await expect(agent2.getByTestId("ticket-row").filter({ hasText: subject })).toBeVisible({ timeout: 20_000 });
    // The list is newest first: the second mail's ticket, then the first's. On the list, j/k
    // move the selection and Enter opens the selected ticket; "?" lists those keys too.
    await agent2.locator("body").press("?");
    const listHelp = agent2.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(listHelp.getByRole("region", { name: "Ticket list" })).toContainText("Open the selected ticket");
    await agent2.keyboard.press("Escape");
    const rowLink = (subject: string) => agent2.getByTestId("ticket-row").filter({ hasText: subject }).getByRole("link", { name: subject });
    await agent2.keyboard.press("j");
    await expect(rowLink(subjects[1])).toBeFocused();
    await agent2.keyboard.press("j");
    await expect(rowLink(subjects[0])).toBeFocused();
    await agent2.keyboard.press("k");
    await expect(rowLink(subjects[1])).toBeFocused();
    await agent2.keyboard.press("Enter");
    await expect(agent2.getByRole("heading", { level: 1, name: subjects[1] })).toBeVisible();
    await agent1.goto(agent2.url());
    await expect(agent1.getByTestId("ticket-owner")).toContainText("Nobody");

    // "?" lists the shortcuts; Escape closes the list.
    await agent2.locator("body").press("?");
    const help = agent2.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help).toContainText("Assign to me");
    await agent2.screenshot({ path: testInfo.outputPath("shortcuts.png") });
    await agent2.keyboard.press("Escape");
    await expect(help).toBeHidden();

    // "a" claims it: the colleague sees the owner live, and the customer gets the message.
    await agent2.keyboard.press("a");
    await expect(agent2.getByTestId("ticket-owner")).toHaveText("Agent 2");
    await expect(agent1.getByTestId("ticket-owner")).toHaveText("Agent 2");
    const told = await stack.catcher.waitFor((m) => m.text.includes("Agent 2 kümmert sich jetzt um Ihr Anliegen."));
    expect(told.to).toEqual(["clara@customer.test"]);
    await expect(agent1.getByTestId("claim-ticket")).toHaveCount(0);

    // "r" opens the reply editor; "j" goes on to the next ticket of the list.
    await agent2.keyboard.press("r");
    await expect(agent2.getByLabel("Reply to customer")).toBeFocused();
    await agent2.getByLabel("Reply to customer").press("Escape");
    await expect(agent2.getByLabel("Reply to customer")).toHaveCount(0);
    await agent2.keyboard.press("j");
    await expect(agent2.getByRole("heading", { level: 1, name: subjects[0] })).toBeVisible();
    await agent2.keyboard.press("k");
    await expect(agent2.getByRole("heading", { level: 1, name: subjects[1] })).toBeVisible();
  } finally {
    await openAdminPage(admin, "Settings");
    await admin.getByLabel("Tell the customer when an agent takes their ticket").uncheck();
    await admin.getByRole("button", { name: "Save settings" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await admin.context().close();
  }
});
