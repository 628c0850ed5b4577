// Mail rules (G8): an admin writes a rule, is stopped by an invalid regex, and dry-runs a mail.
import { expect, openAdminPage, signIn, test } from "./fixtures/test";

const pastedMail = (subject: string) =>
  [
    "From: Vera Vendor <billing@vendor.example>",
    "To: support@example.test",
    `Subject: ${subject}`,
    "Message-ID: <e2e-dry-run@vendor.example>",
    "Date: Mon, 23 Nov 2026 10:00:00 +0100",
    "",
    "Please find the invoice attached.",
  ].join("\n");

test("an admin creates a rule, gets a field error for a bad regex, and dry-runs a mail", async ({ browser, stack }) => {
  const admin = await signIn(browser, stack, "admin");
  await openAdminPage(admin, "Mail rules");
  await expect(admin.getByRole("heading", { level: 1, name: "Mail rules" })).toBeVisible();

  // subject contains "Rechnung" → queue Sales, priority 4
  await admin.getByRole("button", { name: "New rule" }).click();
  const form = admin.getByTestId("rule-form");
  await form.getByLabel("Name").fill("Invoices");
  await form.getByLabel("Condition 1: field").selectOption({ label: "Subject" });
  await form.getByLabel("Condition 1: comparison").selectOption({ label: "contains" });
  await form.getByLabel("Condition 1: value").fill("Rechnung");
  await form.getByLabel("Queue").selectOption({ label: "Sales" });
  await form.getByLabel("Priority").selectOption("4");
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(form).toBeHidden();
  const rows = admin.getByTestId("rule-row");
  const invoices = rows.filter({ hasText: "Invoices" });
  await expect(invoices).toHaveCount(1);
  await expect(invoices).toContainText("Subject contains “Rechnung”");
  await expect(invoices).toContainText(/create ticket in Sales, priority 4/i);

  // An invalid regex is refused, with the message on that condition's value.
  await admin.getByRole("button", { name: "New rule" }).click();
  await form.getByLabel("Name").fill("Broken");
  await form.getByRole("button", { name: "Add condition" }).click();
  await form.getByLabel("Condition 1: value").fill("invoice");
  await form.getByLabel("Condition 2: field").selectOption({ label: "Body" });
  await form.getByLabel("Condition 2: comparison").selectOption({ label: "matches regex" });
  const badValue = form.getByLabel("Condition 2: value");
  await badValue.fill("([");
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(badValue).toHaveAttribute("aria-invalid", "true");
  await expect(badValue).toHaveAccessibleDescription(/^Invalid regular expression: /);
  await expect(badValue).toBeFocused();
  await expect(form.getByLabel("Condition 1: value")).not.toHaveAttribute("aria-invalid", "true");
  await expect(rows.filter({ hasText: "Broken" })).toHaveCount(0);
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(form).toBeHidden();

  // Dry run: the pasted mail meets the rule, and the result says what would happen.
  const source = admin.getByLabel("Mail source (RFC 822)");
  await source.fill(pastedMail("Rechnung 42"));
  await admin.getByRole("button", { name: "Try rules" }).click();
  const result = admin.getByTestId("dry-run-result");
  await expect(result).toContainText("Rule “Invoices” would match → create ticket in Sales, priority 4");
  await expect(result).toContainText("billing@vendor.example");

  await source.fill(pastedMail("Hello there"));
  await admin.getByRole("button", { name: "Try rules" }).click();
  await expect(result).toContainText("No rule matches: normal threading");

  // Switched off, the rule no longer takes the mail.
  await admin.getByRole("switch", { name: "Rule “Invoices” active" }).click({ force: true });
  await expect(invoices).toHaveAttribute("data-active", "false");
  await source.fill(pastedMail("Rechnung 43"));
  await admin.getByRole("button", { name: "Try rules" }).click();
  await expect(result).toContainText("No rule matches: normal threading");
  await admin.context().close();
});
