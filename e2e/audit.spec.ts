// The audit log: an admin's change shows with who, what, the old and the new value; agents cannot read it.
import { expect, openAdminPage, signIn, test } from "./fixtures/test";

test("an admin's settings change shows in the audit log with old and new value", async ({ browser, stack, agent1 }, testInfo) => {
  const admin = await signIn(browser, stack, "admin");
  await openAdminPage(admin, "Settings");
  const testMode = admin.getByLabel("Test mode: send all mail to");
  await testMode.fill("audit-check@example.test");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText("Saved.")).toBeVisible();
  // Back as it was: test mode would redirect the mail of the specs that follow.
  await testMode.fill("");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText("Saved.")).toBeVisible();

  await openAdminPage(admin, "Audit log");
  const entries = admin.getByTestId("audit-entry").filter({ hasText: "testModeAddress" });
  await expect(entries).toHaveCount(2);
  const turnedOn = entries.nth(1);
  await expect(turnedOn).toContainText("Ada Admin changed Settings");
  await expect(turnedOn).toContainText("audit-check@example.test");
  await admin.screenshot({ path: testInfo.outputPath("audit.png"), fullPage: true });
  await admin.getByLabel("Show").selectOption({ label: "Mail rule" });
  await expect(admin.getByTestId("audit-entry").filter({ hasText: "testModeAddress" })).toHaveCount(0);

  await agent1.goto("/admin/audit");
  await expect(agent1.getByText("Only administrators may see this page.")).toBeVisible();
  await admin.context().close();
});
