// Every C1 field on the detail view, edited under the ticket's lock: kind, further owners with
// ticket roles, deadline and follow-up, customer CC, external reference, the configurable lists
// and the confidential/billable flags. A colleague's open screen follows live, the timeline and
// the history name each change, and the age badge shows how old the ticket is.
import { expect, test } from "./fixtures/test";

test("agent 1 fills in every ticket field; agent 2 sees the values and the history live", async ({ agent1, agent2 }, testInfo) => {
  const subject = `All fields ${Date.now()}`;
  await agent1.getByRole("link", { name: "New ticket" }).click();
  const create = agent1.locator("form");
  await create.getByLabel("Customer e-mail", { exact: true }).fill("felix@customer.test");
  await create.getByLabel("Subject", { exact: true }).fill(subject);
  await create.getByLabel("First text", { exact: true }).fill("Anruf: der Scanner zieht kein Papier ein.");
  await create.getByRole("button", { name: "Create ticket" }).click();
  await agent1.waitForURL(/\/tickets\/\d+$/);
  const url = agent1.url();
  await agent2.goto(url);
  await expect(agent2.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(agent2.getByTestId("ticket-age")).toHaveText("0 days old");
  await expect(agent2.getByTestId("ticket-age")).toHaveAttribute("data-tone", "fresh");
  await expect(agent2.getByTestId("ticket-kind")).toHaveText("Phone request"); // recorded by hand

  await agent1.getByRole("button", { name: "Edit", exact: true }).click();
  const form = agent1.getByTestId("ticket-edit-form");
  await form.getByLabel("Kind").selectOption({ label: "Mail ticket" });
  await expect(form.getByLabel("Kind")).toHaveAccessibleDescription("Replies go to the customer by e-mail.");
  await form.getByRole("button", { name: "Add owner" }).click();
  await form.getByLabel("Further owner 1", { exact: true }).selectOption({ label: "Agent 2" });
  await form.getByLabel("Role of further owner 1").selectOption({ label: "Specialist" });
  await form.getByLabel("Deadline").fill("2026-01-15"); // in the past: overdue
  await form.getByLabel("Follow-up").fill("2026-12-03T09:30");
  await form.getByLabel("Customer CC").fill("chefin@customer.test, nope");
  await form.getByLabel("External reference").fill("PO-4711");
  await form.getByLabel("Brand").selectOption({ label: "Web shop" });
  await form.getByLabel("Category").selectOption({ label: "Hardware" });
  await form.getByLabel("Billable").check();

  // A bad CC address is refused beside its field; nothing is saved.
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Not a valid e-mail address: nope")).toBeVisible();
  await expect(form.getByLabel("Customer CC")).toBeFocused();
  await form.getByLabel("Customer CC").fill("chefin@customer.test");
  await agent1.screenshot({ path: testInfo.outputPath("ticket-fields-form.png"), fullPage: true });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);

  // Agent 2 sees it all without a reload.
  await expect(agent2.getByTestId("ticket-kind")).toHaveText("Mail ticket");
  await expect(agent2.getByTestId("ticket-coOwners")).toHaveText("Agent 2 · Specialist");
  await expect(agent2.getByTestId("ticket-dueAt")).toContainText("overdue");
  await expect(agent2.getByTestId("ticket-followUpAt")).toContainText("9:30");
  await expect(agent2.getByTestId("ticket-customerCc")).toHaveText("chefin@customer.test");
  await expect(agent2.getByTestId("ticket-externalRef")).toHaveText("PO-4711");
  await expect(agent2.getByTestId("ticket-brandId")).toHaveText("Web shop");
  await expect(agent2.getByTestId("ticket-categoryId")).toHaveText("Hardware");
  await expect(agent2.getByTestId("ticket-billable")).toHaveText("Yes");
  const event = agent2.getByTestId("entry").filter({ hasText: "Kind: Phone request → Mail ticket" });
  await expect(event).toContainText("Deadline: — → Jan 15, 2026");
  await expect(event).toContainText("Further owners: — → Agent 2 (Specialist)");
  await expect(event).toContainText("Billable: No → Yes");
  await agent2.screenshot({ path: testInfo.outputPath("ticket-fields-view.png"), fullPage: true });

  // Agent 2 is now a further owner, hence a watcher; the flag shows as a badge.
  await agent2.getByRole("button", { name: "Edit", exact: true }).click();
  const form2 = agent2.getByTestId("ticket-edit-form");
  await expect(form2.getByLabel("Further owner 1", { exact: true })).toHaveValue(/\d+/);
  await form2.getByLabel("Confidential").check();
  await form2.getByRole("button", { name: "Save" }).click();
  await expect(agent1.getByTestId("ticket-confidential")).toHaveText("Confidential");
});
