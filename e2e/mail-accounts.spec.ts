// Mail accounts in the admin UI (G1/G2): the worker's state shows live, switching an account
// off stops its watcher and on starts it again without a restart, and "Test fetch" /
// "Test send" report on the real Dovecot and SMTP servers, with unsaved form values too.
import { appendMail } from "./fixtures/dovecot";
import { expect, openAdminPage, signIn, test } from "./fixtures/test";

test("admin watches, switches and tests a mail account", async ({ browser, stack }, testInfo) => {
  test.setTimeout(150_000);
  const admin = await signIn(browser, stack, "admin");
  const stamp = Date.now();

  await openAdminPage(admin, "Mail accounts");
  await expect(admin.getByRole("heading", { level: 1, name: "Mail accounts" })).toBeVisible();
  const row = admin.getByTestId("mail-account-row").filter({ hasText: stack.mailbox });
  await expect(row).toBeVisible();
  // The worker is connected (IDLE) and the page follows its state without a reload.
  await expect(row.getByTestId("account-state")).toHaveAttribute("data-state", "idle", { timeout: 20_000 });
  await expect(row.getByTestId("account-state")).toContainText("Idle");
  await admin.screenshot({ path: testInfo.outputPath("mail-accounts.png"), fullPage: true });

  // Switched off: the worker lets go of the mailbox within seconds.
  const active = row.getByRole("switch", { name: `${stack.mailbox} active` });
  await expect(active).toBeChecked();
  await row.locator("label:has([role=switch])").click();
  await expect(active).not.toBeChecked();
  await expect(row.getByTestId("account-state")).toHaveAttribute("data-state", "stopped", { timeout: 15_000 });

  // A mail that arrives meanwhile stays unseen in INBOX: "Test fetch" counts it.
  const subject = `Arrived while switched off ${stamp}`;
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Paula Kundin <paula@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <off-${stamp}@customer.test>`, "", "Hallo?",
  ].join("\r\n"));
  await row.getByRole("button", { name: "Test fetch" }).click();
  await expect(row.getByTestId("test-result")).toContainText(/Connected: 1 unseen · \d+ in total in INBOX/);

  // The form: stored passwords are never shown, tests use the unsaved values.
  await row.getByRole("link", { name: `Edit ${stack.mailbox}` }).click();
  await expect(admin.getByRole("heading", { level: 1, name: `Edit ${stack.mailbox}` })).toBeVisible();
  const imap = admin.getByRole("group", { name: "Incoming mail (IMAP)" });
  const smtp = admin.getByRole("group", { name: "Outgoing mail (SMTP)" });
  const imapPassword = imap.getByLabel("Password");
  await expect(imapPassword).toHaveValue("");
  await expect(imapPassword).toHaveAttribute("placeholder", "unchanged");
  await expect(imap.getByLabel("Server")).toHaveValue("127.0.0.1");

  await imap.getByRole("button", { name: "Test fetch" }).click();
  await expect(imap.getByTestId("test-result")).toContainText(/Connected: 1 unseen · \d+ in total/);
  await admin.screenshot({ path: testInfo.outputPath("mail-account-form.png"), fullPage: true });

  await imapPassword.fill("definitely-wrong");
  await imap.getByRole("button", { name: "Test fetch" }).click();
  await expect(imap.getByTestId("test-result")).toContainText("Authentication failed");
  await expect(imap.getByTestId("test-result").locator("[data-kind]")).toHaveAttribute("data-kind", "auth");

  await smtp.getByRole("button", { name: "Test send" }).click();
  await expect(smtp.getByTestId("test-result")).toContainText("Connected: the SMTP server is ready to send");

  // Field errors from the server land beside their fields; nothing is saved.
  await imap.getByLabel("Port").fill("0");
  await admin.getByRole("group", { name: "Import" }).getByLabel("After import").selectOption("move");
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(imap.getByText("Enter an IMAP port between 1 and 65535")).toBeVisible();
  await expect(admin.getByText("Enter the folder imported mail is moved to")).toBeVisible();
  await expect(imap.getByLabel("Port")).toBeFocused();
  await admin.getByRole("link", { name: "Cancel" }).click();

  // Switched on again: the worker picks it up and the waiting mail becomes a ticket.
  const rowAgain = admin.getByTestId("mail-account-row").filter({ hasText: stack.mailbox });
  const activeAgain = rowAgain.getByRole("switch", { name: `${stack.mailbox} active` });
  await rowAgain.locator("label:has([role=switch])").click();
  await expect(activeAgain).toBeChecked();
  await expect(rowAgain.getByTestId("account-state")).toHaveAttribute("data-state", "idle", { timeout: 20_000 });
  await admin.getByRole("link", { name: "Tickets", exact: true }).click();
  await expect(admin.getByTestId("ticket-row").filter({ hasText: subject })).toBeVisible({ timeout: 15_000 });

  // Settings: the stack allows the local servers; a bad test-mode address is refused.
  await openAdminPage(admin, "Settings");
  await expect(admin.getByLabel("Allow mail servers on this machine")).toBeChecked();
  await admin.getByLabel("Test mode: send all mail to").fill("not-an-address");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText("Enter a valid e-mail address or leave the field empty")).toBeVisible();
  await admin.screenshot({ path: testInfo.outputPath("settings.png"), fullPage: true });
  await admin.context().close();
});
