// Per-queue rights (A1–A4) from the admin's page to an agent's open screens: the admin sets
// Agent 2 to "write" on Sales and no access on Support. Agent 2's open list drops the
// tickets they may no longer see, live; a hidden ticket's URL looks like a missing one; they
// can still create (and then see) their own Sales ticket; new Support mail reaches Agent 1
// only. Giving Support back shows its tickets again, live. An admin cannot demote themselves.
import type { Page } from "@playwright/test";
import { appendMail } from "./fixtures/dovecot";
import { backToEnglish, expect, openAdminPage, signIn, test } from "./fixtures/test";
import type { AppStack } from "./fixtures/app-stack";

/** Access changes reach open screens within a second; allow for a busy machine, no more. */
const LIVE = { timeout: 5_000 };

/** The stack's mailbox feeds the Support queue. */
async function mailToSupport(stack: AppStack, subject: string) {
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Rita Rechte <rita@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W+/g, "-")}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", `Bitte prüfen: ${subject}`,
  ].join("\r\n"));
}

/** Creates a ticket through the form and returns its id (the page then shows the ticket). */
async function createTicket(page: Page, queue: string, subject: string): Promise<number> {
  await page.getByRole("link", { name: "New ticket" }).click();
  const form = page.locator("form");
  await form.getByLabel("Queue", { exact: true }).selectOption({ label: queue });
  await form.getByLabel("Customer e-mail", { exact: true }).fill("kai@customer.test");
  await form.getByLabel("Subject", { exact: true }).fill(subject);
  await form.getByLabel("First text", { exact: true }).fill(`Notiz zum Anruf: ${subject}`);
  await form.getByRole("button", { name: "Create ticket" }).click();
  await page.waitForURL(/\/tickets\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  return Number(new URL(page.url()).pathname.split("/").pop());
}

function row(page: Page, subject: string) {
  return page.getByTestId("ticket-row").filter({ hasText: subject });
}

/** The queue column of every row in the list. */
function queueColumn(page: Page) {
  return page.getByTestId("ticket-row").locator("td:nth-child(4)").allTextContents();
}

/** Sets one user's level per queue on the open access form and saves. */
async function saveLevels(admin: Page, user: string, levels: Record<string, string>) {
  const card = admin.getByRole("region", { name: user });
  for (const [queue, level] of Object.entries(levels)) {
    await card.getByLabel(`Access to ${queue}`).selectOption({ label: level });
  }
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  return card;
}

test("an admin narrows Agent 2 to writing in Sales; Agent 2's screens follow live", async ({ browser, stack, agent1, agent2 }, testInfo) => {
  const stamp = String(Date.now());
  const supportOld = `Access Support ${stamp}`;
  const supportNew = `Access Support later ${stamp}`;
  const salesOther = `Access Sales by Agent 1 ${stamp}`;
  const salesOwn = `Access Sales by Agent 2 ${stamp}`;

  // Before: Agent 2 manages both queues and sees a Support mail and Agent 1's Sales ticket.
  await mailToSupport(stack, supportOld);
  const salesOtherId = await createTicket(agent1, "Sales", salesOther);
  await agent1.getByRole("link", { name: "Tickets", exact: true }).click();
  await expect(row(agent1, supportOld)).toBeVisible({ timeout: 20_000 }); // ingest runs in the worker
  const supportOldId = Number((await row(agent1, supportOld).getByRole("link", { name: supportOld }).getAttribute("href"))!.split("/").pop());
  await expect(row(agent2, supportOld)).toBeVisible();
  await expect(row(agent2, salesOther)).toBeVisible();

  // The admin opens Users from the menu and Agent 2's form, by keyboard.
  const admin = await signIn(browser, stack, "admin");
  await openAdminPage(admin, "Users");
  await expect(admin.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  const card = admin.getByRole("region", { name: "Agent 2" });
  await expect(card.getByTestId("user-summary")).toHaveText(/Agent.*Active.*2 queues/);
  const edit = card.getByRole("button", { name: "Edit access for Agent 2" });
  await edit.focus();
  await admin.keyboard.press("Enter");
  await expect(card.getByRole("button", { name: "Close" })).toHaveAttribute("aria-expanded", "true");
  await expect(card.getByLabel("Role", { exact: true })).toHaveValue("agent");
  await expect(card.getByLabel("Access to Support")).toHaveValue("manage");
  await expect(card.getByTestId("user-rights")).toHaveCount(0); // only for back-office users
  await expect(card.getByLabel("Access to Sales")).toHaveAccessibleDescription(/Manage\s*an agent of the queue/);
  await admin.screenshot({ path: testInfo.outputPath("admin-users.png"), fullPage: true });

  await saveLevels(admin, "Agent 2", { Support: "No access", Sales: "Write" });
  await expect(card.getByTestId("user-summary")).toContainText("1 queue");

  // Agent 2's open list drops Support and Agent 1's Sales ticket without a reload.
  await expect(row(agent2, supportOld)).toHaveCount(0, LIVE);
  await expect(row(agent2, salesOther)).toHaveCount(0, LIVE);
  expect(await queueColumn(agent2)).not.toContain("Support");
  await expect(row(agent1, supportOld)).toBeVisible(); // Agent 1 is untouched

  // A hidden ticket's address says exactly what a missing one says.
  const notFound = "This ticket does not exist or you may not see it.";
  await agent2.goto("/tickets/2147483000");
  await expect(agent2.locator("main").getByRole("alert")).toHaveText(notFound);
  for (const id of [supportOldId, salesOtherId]) {
    await agent2.goto(`/tickets/${id}`);
    await expect(agent2.locator("main").getByRole("alert")).toHaveText(notFound);
    await expect(agent2.getByRole("heading", { level: 1 })).toHaveCount(0);
  }

  // Write on Sales: Agent 2 creates a ticket there, and it is in their list.
  await createTicket(agent2, "Sales", salesOwn);
  await agent2.getByRole("link", { name: "Tickets", exact: true }).click();
  await expect(row(agent2, salesOwn)).toBeVisible();
  await expect(row(agent2, salesOther)).toHaveCount(0);

  // New Support mail: Agent 1's list shows it, Agent 2's does not (live or after a reload).
  await mailToSupport(stack, supportNew);
  await expect(row(agent1, supportNew)).toBeVisible({ timeout: 20_000 });
  await agent2.waitForTimeout(1_500); // a leaked event would have landed by now
  await expect(row(agent2, supportNew)).toHaveCount(0);
  await agent2.reload();
  await expect(row(agent2, salesOwn)).toBeVisible();
  await expect(row(agent2, supportNew)).toHaveCount(0);

  // Support back (manage): both Support tickets return to Agent 2's open list, live; Sales stays "write".
  await saveLevels(admin, "Agent 2", { Support: "Manage" });
  await expect(row(agent2, supportOld)).toBeVisible(LIVE);
  await expect(row(agent2, supportNew)).toBeVisible(LIVE);
  await expect(row(agent2, salesOther)).toHaveCount(0);

  // An admin cannot take away their own admin role: refused beside the field, which gets the focus.
  const own = admin.getByRole("region", { name: /Ada Admin/ });
  await own.getByRole("button", { name: /Edit access for Ada Admin/ }).click();
  const role = own.getByLabel("Role", { exact: true });
  await role.selectOption({ label: "Agent" });
  await own.getByRole("button", { name: "Save" }).click();
  await expect(own.getByText("You cannot take away your own admin access")).toBeVisible();
  await expect(own.getByText("Please correct the marked fields.")).toBeVisible();
  await expect(role).toHaveAttribute("aria-invalid", "true");
  await expect(role).toBeFocused();
  await admin.screenshot({ path: testInfo.outputPath("admin-users-own-role.png"), fullPage: true });
  await admin.reload();
  await expect(admin.getByRole("region", { name: /Ada Admin/ }).getByTestId("user-summary")).toContainText("Admin");

  // The back-office rights, for a look only (not saved).
  const agent1Card = admin.getByRole("region", { name: "Agent 1" });
  await agent1Card.getByRole("button", { name: "Edit access for Agent 1" }).click();
  await agent1Card.getByLabel("Role", { exact: true }).selectOption({ label: "Back office" });
  await expect(agent1Card.getByRole("group", { name: "Tickets", exact: true }).getByLabel("Delete", { exact: true })).not.toBeChecked();
  await admin.screenshot({ path: testInfo.outputPath("admin-users-backoffice.png"), fullPage: true });
  await agent1Card.getByRole("button", { name: "Close" }).click();

  // Leave the shared stack as seeded: Agent 2 manages both queues again.
  await admin.getByRole("region", { name: "Agent 2" }).getByRole("button", { name: "Edit access for Agent 2" }).click();
  await saveLevels(admin, "Agent 2", { Sales: "Manage" });
  await expect(row(agent2, salesOther)).toBeVisible(LIVE);

  // The page speaks German too.
  await admin.getByLabel("Language").selectOption("de");
  await expect(admin.getByRole("heading", { level: 1, name: "Benutzer" })).toBeVisible();
  await expect(admin.getByRole("region", { name: "Agent 2" }).getByLabel("Zugriff auf Sales")).toHaveValue("manage");
  await admin.screenshot({ path: testInfo.outputPath("admin-users-de.png"), fullPage: true });
  // The language is stored per user: back to English for the specs that follow.
  await backToEnglish(admin);
  await expect(admin.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await admin.context().close();
});
