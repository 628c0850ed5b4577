// Configuration (B1–B9) from the admin's pages to an agent's screen: an admin creates the
// queue "Billing" with a German name, a group and a description (the hover hint), adds a
// status (a progress of 150 is refused beside its field), moves it up, and cannot delete a
// built-in status (the button is disabled and the API refuses). On the users page Agent 2
// gets "write" on Billing only; Agent 2 creates a Billing ticket and sees only the Billing
// tickets they created, with counts per status that count nothing else. Deleting Billing is
// refused with its ticket count; its tickets move to Support instead, and Billing is gone.
// The lists page (status groups, brands, …) gets an entry. Agent 2's access is put back.
import type { Page } from "@playwright/test";
import { backToEnglish, expect, openAdminPage, signIn, test } from "./fixtures/test";

const DESCRIPTION = "Invoices, refunds and payment questions";

/** Creates a ticket through the form and returns its id (the page then shows the ticket). */
async function createTicket(page: Page, queue: string, subject: string): Promise<number> {
  await page.getByRole("link", { name: "New ticket" }).click();
  const form = page.locator("form");
  await form.getByLabel("Queue", { exact: true }).selectOption({ label: queue });
  await form.getByLabel("Customer e-mail", { exact: true }).fill("bill@customer.test");
  await form.getByLabel("Subject", { exact: true }).fill(subject);
  await form.getByLabel("First text", { exact: true }).fill(`Frage zur Rechnung: ${subject}`);
  await form.getByRole("button", { name: "Create ticket" }).click();
  await page.waitForURL(/\/tickets\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  return Number(new URL(page.url()).pathname.split("/").pop());
}

const row = (page: Page, subject: string) => page.getByTestId("ticket-row").filter({ hasText: subject });
const queueColumn = (page: Page) => page.getByTestId("ticket-row").locator("td:nth-child(4)").allTextContents();

/** Sets one user's level per queue on the users page and saves. */
async function saveLevels(admin: Page, user: string, levels: Record<string, string>) {
  const card = admin.getByRole("region", { name: user });
  await card.getByRole("button", { name: `Edit access for ${user}` }).click();
  for (const [queue, level] of Object.entries(levels)) {
    await card.getByLabel(`Access to ${queue}`).selectOption({ label: level });
  }
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

/** Calls a tRPC mutation with the page's session, as the browser would (superjson's plain shape). */
async function mutate(page: Page, path: string, input: unknown) {
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = (await res.json()) as { error?: { json: { message: string; data: { code: string } } } };
  return { status: res.status(), error: body.error?.json };
}

test("an admin configures the queue Billing, Agent 2 works in it, and Billing's tickets move to Support", async ({ browser, stack, agent2 }) => {
  const stamp = String(Date.now());
  const agentTicket = `Billing by Agent 2 ${stamp}`;
  const adminTicket = `Billing by the admin ${stamp}`;
  const admin = await signIn(browser, stack, "admin");

  // B1: a new queue with a German name, a group and a description.
  await openAdminPage(admin, "Queues");
  await expect(admin.getByRole("heading", { level: 1, name: "Queues" })).toBeVisible();
  await admin.getByRole("button", { name: "New queue" }).click();
  const form = admin.getByRole("form", { name: "New queue" });
  // Required and unique names are checked beside the field.
  await form.getByRole("button", { name: "Create queue" }).click();
  await expect(form.getByText("The name is required")).toBeVisible();
  await expect(form.getByLabel("Name (English)")).toBeFocused();
  await form.getByLabel("Name (English)").fill("support");
  await form.getByRole("button", { name: "Create queue" }).click();
  await expect(form.getByText("There is already a queue named “Support”")).toBeVisible();
  await form.getByLabel("Name (English)").fill("Billing");
  await form.getByLabel("Name (German)").fill("Buchhaltung");
  await form.getByLabel("Group").fill("Finance");
  await form.getByLabel("Description").fill(DESCRIPTION);
  await form.getByRole("button", { name: "Create queue" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "The queue Billing was created" })).toBeVisible();

  const billing = admin.getByRole("region", { name: "Billing" });
  await expect(billing.getByRole("heading", { name: "Billing" })).toHaveAttribute("title", DESCRIPTION);
  await expect(billing.getByTestId("queue-summary")).toContainText("0 tickets");
  const billingId = Number(await billing.getAttribute("data-id"));
  // The new queue comes with the default statuses; its card opens on them.
  const statuses = billing.getByRole("table", { name: "Statuses of Billing" });
  const statusNames = () => statuses.getByTestId("status-name").allTextContents();
  await expect.poll(statusNames).toEqual(["New", "Open", "Waiting for customer", "Solved", "Closed"]);

  // B2: a status; a progress beyond 100 is refused beside its field.
  await billing.getByRole("button", { name: "New status" }).click();
  const statusForm = billing.getByRole("form", { name: "New status in Billing" });
  await statusForm.getByLabel("Name", { exact: true }).fill("Waiting for payment");
  await statusForm.getByLabel("Name (German)").fill("Wartet auf Zahlung");
  await statusForm.getByLabel("Category").selectOption({ label: "Pending" });
  await statusForm.getByLabel("Progress").fill("150");
  await statusForm.getByRole("button", { name: "Add status" }).click();
  await expect(statusForm.getByText("The progress is a whole number from 0 to 100")).toBeVisible();
  await expect(statusForm.getByLabel("Progress")).toBeFocused();
  await admin.screenshot({ path: "/tmp/config-queues-status-error.png", fullPage: true });
  await statusForm.getByLabel("Progress").fill("60");
  await statusForm.getByRole("button", { name: "Add status" }).click();
  await expect(statusForm).toHaveCount(0);
  await expect.poll(statusNames).toEqual(["New", "Open", "Waiting for customer", "Solved", "Closed", "Waiting for payment"]);

  // Reorder: two steps up, before "Solved".
  await billing.getByRole("button", { name: "Move Waiting for payment up" }).click();
  await expect.poll(statusNames).toEqual(["New", "Open", "Waiting for customer", "Solved", "Waiting for payment", "Closed"]);
  await billing.getByRole("button", { name: "Move Waiting for payment up" }).click();
  await expect.poll(statusNames).toEqual(["New", "Open", "Waiting for customer", "Waiting for payment", "Solved", "Closed"]);

  // Built-in statuses are read-only here, and the API refuses them too.
  const deleteNew = billing.getByRole("button", { name: "Delete status New" });
  await expect(deleteNew).toBeDisabled();
  await expect(deleteNew).toHaveAccessibleDescription("Built-in statuses cannot be changed or deleted.");
  await expect(billing.getByRole("button", { name: "Edit status Closed" })).toBeDisabled();
  const newId = Number(await statuses.getByTestId("status-row").first().getAttribute("data-id"));
  const refusedBuiltIn = await mutate(admin, "status.delete", { id: newId });
  expect(refusedBuiltIn.status).toBe(409);
  expect(refusedBuiltIn.error?.message).toBe("“New” is built in and cannot be deleted");
  await expect.poll(statusNames).toContain("New");
  await admin.screenshot({ path: "/tmp/config-queues-billing.png", fullPage: true });

  // Agents do not see the new queue yet; the admin does. Then: Agent 2 gets "write" on Billing only.
  await agent2.getByRole("link", { name: "New ticket" }).click();
  await expect(agent2.locator("form").getByLabel("Queue", { exact: true }).locator("option", { hasText: "Billing" })).toHaveCount(0);
  await createTicket(admin, "Billing", adminTicket);
  await openAdminPage(admin, "Users");
  await expect(admin.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await saveLevels(admin, "Agent 2", { Support: "No access", Sales: "No access", Billing: "Write" });

  // Agent 2 creates a Billing ticket and sees only the Billing tickets they created.
  await agent2.reload();
  const queueOptions = agent2.locator("form").getByLabel("Queue", { exact: true }).locator("option");
  await expect(queueOptions).toHaveText(["Billing"]);
  await createTicket(agent2, "Billing", agentTicket);
  await agent2.getByRole("link", { name: "Tickets", exact: true }).click();
  await expect(row(agent2, agentTicket)).toBeVisible();
  await expect(row(agent2, adminTicket)).toHaveCount(0);
  expect(new Set(await queueColumn(agent2))).toEqual(new Set(["Billing"]));
  // The filter's counts count only what Agent 2 may read: one open ticket, in "New".
  await expect(agent2.getByTestId("ticket-tab-count-open")).toHaveText("1");
  await expect(agent2.getByTestId("status-counts").getByRole("listitem").filter({ hasText: "New" })).toHaveText("New1");
  const queueFilter = agent2.getByRole("combobox", { name: "Queue", exact: true });
  await expect(queueFilter.locator("optgroup")).toHaveAttribute("label", "Finance");
  await expect(queueFilter.locator("option", { hasText: "Billing" })).toHaveAttribute("title", DESCRIPTION);
  await agent2.screenshot({ path: "/tmp/config-queues-agent2-list.png", fullPage: true });

  // Deleting Billing is refused with the count; its tickets move to Support instead.
  await openAdminPage(admin, "Queues");
  await expect(billing.getByTestId("queue-summary")).toContainText("2 tickets");
  const refused = await mutate(admin, "queue.delete", { id: billingId });
  expect(refused.status).toBe(409);
  expect(refused.error?.message).toBe("The queue “Billing” has 2 tickets; move them to another queue first");
  // The German name shows in German.
  await admin.getByLabel("Language").selectOption("de");
  await expect(admin.getByRole("region", { name: "Buchhaltung" }).getByRole("heading", { name: "Buchhaltung" })).toBeVisible();
  await admin.screenshot({ path: "/tmp/config-queues-de.png", fullPage: true });
  await backToEnglish(admin);

  await billing.getByRole("button", { name: "Delete Billing" }).click();
  const deletion = billing.getByTestId("queue-delete");
  await expect(deletion).toContainText("Billing cannot be deleted while it has tickets (2)");
  await expect(deletion.getByRole("button", { name: "Delete queue" })).toHaveCount(0);
  await deletion.getByLabel("Move the tickets to").selectOption({ label: "Support" });
  await admin.screenshot({ path: "/tmp/config-queues-delete.png", fullPage: true });
  await deletion.getByRole("button", { name: "Move tickets and delete" }).click();
  await expect(admin.getByRole("region", { name: "Billing" })).toHaveCount(0);
  await expect(admin.getByRole("region", { name: "Support" })).toBeVisible();

  // Both tickets are in Support now, in the state they had ("New").
  await admin.getByRole("link", { name: "Tickets", exact: true }).click();
  for (const subject of [adminTicket, agentTicket]) {
    await expect(row(admin, subject)).toBeVisible();
    await expect(row(admin, subject).locator("td:nth-child(4)")).toHaveText("Support");
  }
  // Agent 2 has no access to Support, so the moved ticket is gone from their list.
  await expect(row(agent2, agentTicket)).toHaveCount(0, { timeout: 10_000 });

  // The lists page: a brand with a colour.
  await openAdminPage(admin, "Lists");
  await expect(admin.getByRole("heading", { level: 1, name: "Lists" })).toBeVisible();
  await admin.getByRole("tab", { name: "Brands" }).click();
  const brands = admin.getByRole("region", { name: "Brands" });
  await brands.getByRole("button", { name: "New entry" }).click();
  const entry = brands.getByRole("form", { name: "New entry in Brands" });
  await entry.getByLabel("Name (English)").fill(`Webshop ${stamp}`);
  await entry.getByLabel("Name (German)").fill(`Onlineshop ${stamp}`);
  await entry.getByLabel("Colour", { exact: true }).fill("#0ea5e9");
  await entry.getByRole("button", { name: "Add entry" }).click();
  await expect(brands.getByRole("row", { name: new RegExp(`Webshop ${stamp}`) })).toContainText("#0ea5e9");
  await admin.screenshot({ path: "/tmp/config-lists.png", fullPage: true });

  // Leave the shared stack as seeded: Agent 2 manages Support and Sales again.
  await openAdminPage(admin, "Users");
  await saveLevels(admin, "Agent 2", { Support: "Manage", Sales: "Manage" });
  await admin.context().close();
});

