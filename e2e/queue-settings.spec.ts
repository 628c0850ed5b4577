// Per-queue mail settings (G6/G7) and the user's own greeting and signature (A5): an admin
// changes a queue's signature, quoting, notify list and autoresponder and finds them saved
// after a reload; an agent sets a personal signature on the profile page.
import { expect, openAdminPage, signIn, test } from "./fixtures/test";

test("an admin edits a queue's mail settings and they stay saved", async ({ browser, stack }, testInfo) => {
  const admin = await signIn(browser, stack, "admin");
  await openAdminPage(admin, "Queues");
  await expect(admin.getByRole("heading", { level: 1, name: "Queues" })).toBeVisible();

  // Sales, not Support: the other specs share this stack and read Support's mail.
  const sales = admin.getByRole("region", { name: "Sales" });
  await expect(sales.getByTestId("queue-summary")).toContainText("Autoresponder off");
  await sales.getByRole("button", { name: "Edit Sales" }).click();
  await expect(sales.getByLabel("Send replies from")).toHaveValue(""); // the first active account
  await expect(sales.getByLabel("Quote in replies")).toHaveValue("last");

  await sales.getByLabel("Send replies from").selectOption({ label: stack.mailbox });
  await sales.getByLabel("Queue signature").fill("Your Sales Team\nExample Ltd.");
  await sales.getByLabel("Quote in replies").selectOption({ label: "The last three mails" });
  const autoresponder = sales.getByRole("switch", { name: "Autoresponder for Sales" });
  await expect(autoresponder).not.toBeChecked();
  await sales.locator("label:has([role=switch])").click();
  await expect(autoresponder).toBeChecked();
  await sales.getByLabel("Autoresponder text").fill("Thanks, the sales team will answer within a day.");

  // A bad address is refused beside its field, which gets the focus; nothing is saved.
  const notify = sales.getByLabel("Tell these addresses about new tickets");
  await notify.fill("lead@example.test, not-an-address");
  await sales.getByRole("button", { name: "Save" }).click();
  await expect(sales.getByText("Not a valid e-mail address: not-an-address")).toBeVisible();
  await expect(sales.getByText("Please correct the marked fields.")).toBeVisible();
  await expect(notify).toBeFocused();

  // Addresses are tidied: lower case, each once, one per line.
  await notify.fill("Lead@Example.test, lead@example.test\nops@example.test");
  await sales.getByRole("button", { name: "Save" }).click();
  await expect(sales.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(notify).toHaveValue("lead@example.test\nops@example.test");
  await admin.screenshot({ path: testInfo.outputPath("queue-settings.png"), fullPage: true });

  await admin.reload();
  const again = admin.getByRole("region", { name: "Sales" });
  await expect(again.getByTestId("queue-summary")).toContainText("Autoresponder on");
  await expect(again.getByTestId("queue-summary")).toContainText("Quotes: The last three mails");
  await expect(again.getByTestId("queue-summary")).toContainText("2 notified");
  await expect(again.getByTestId("queue-summary")).toContainText(`From: ${stack.mailbox}`);
  await again.getByRole("button", { name: "Edit Sales" }).click();
  await expect(again.getByLabel("Queue signature")).toHaveValue("Your Sales Team\nExample Ltd.");
  await expect(again.getByLabel("Quote in replies")).toHaveValue("last3");
  await expect(again.getByRole("switch", { name: "Autoresponder for Sales" })).toBeChecked();
  await expect(again.getByLabel("Autoresponder text")).toHaveValue("Thanks, the sales team will answer within a day.");
  await expect(again.getByLabel("Tell these addresses about new tickets")).toHaveValue("lead@example.test\nops@example.test");
  // Support is untouched.
  await expect(admin.getByRole("region", { name: "Support" }).getByTestId("queue-summary")).toContainText("Autoresponder off");

  // Back to the defaults, so later specs on this stack see no automatic mail from Sales.
  await again.locator("label:has([role=switch])").click();
  await again.getByLabel("Tell these addresses about new tickets").fill("");
  await again.getByLabel("Quote in replies").selectOption("last");
  await again.getByLabel("Send replies from").selectOption({ label: "First active mail account" });
  await again.getByRole("button", { name: "Save" }).click();
  await expect(again.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(again.getByTestId("queue-summary")).toContainText("Autoresponder off");
  await expect(again.getByTestId("queue-summary")).toContainText("From: First active mail account");
  await admin.context().close();
});

test("an agent sets a personal signature on the profile page", async ({ agent1 }) => {
  // Agents see no queue administration.
  await expect(agent1.getByRole("link", { name: "Queues", exact: true })).toHaveCount(0);
  await agent1.getByRole("link", { name: /Your profile/ }).click();
  await expect(agent1.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  await expect(agent1.getByText("Your personal signature replaces the queue's signature.")).toBeVisible();

  await agent1.getByLabel("Closing line").fill("Kind regards");
  await agent1.getByLabel("Signature").fill("Agent One\nSupport desk");
  await expect(agent1.getByTestId("profile-preview")).toContainText("Kind regards");
  await expect(agent1.getByTestId("profile-preview")).toContainText("Agent One");
  await agent1.getByRole("button", { name: "Save profile" }).click();
  await expect(agent1.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await agent1.reload();
  await expect(agent1.getByLabel("Closing line")).toHaveValue("Kind regards");
  await expect(agent1.getByLabel("Signature")).toHaveValue("Agent One\nSupport desk");

  // Too long: the server's message appears beside the field.
  await agent1.getByLabel("Closing line").fill("x".repeat(201));
  await agent1.getByRole("button", { name: "Save profile" }).click();
  await expect(agent1.getByText("Your greeting is too long (at most 200 characters)")).toBeVisible();
  await expect(agent1.getByLabel("Closing line")).toBeFocused();

  // Emptied again: the queue's signature is used, as for the other specs on this stack.
  await agent1.getByLabel("Closing line").fill("");
  await agent1.getByLabel("Signature").fill("");
  await agent1.getByRole("button", { name: "Save profile" }).click();
  await expect(agent1.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(agent1.getByTestId("profile-preview")).toContainText("(the queue's signature)");
});
