// A1 by mail: an admin invites a user from the users page; the invitation leaves through
// the outbox to the SMTP catcher; its link sets a password and the new user signs in. Then
// "Forgot your password?" mails a reset link: the old password stops working, the new one
// works, and the used link only says it is invalid. The request page answers the same for
// an unknown address.
import type { Browser, Page } from "@playwright/test";
import type { CaughtMail } from "./fixtures/smtp-catcher";
import { expect, signIn, test } from "./fixtures/test";

/** The set-password link in a caught mail (absolute, on the stack's APP_URL). */
function linkIn(mail: CaughtMail): string {
  const m = /(https?:\/\/\S+\/set-password\?token=[A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!m) throw new Error(`no set-password link in:\n${mail.text}`);
  return m[1];
}

/** A browser without a session, as the invited person opening their mail. */
async function anonymousPage(browser: Browser, baseURL: string): Promise<Page> {
  return (await browser.newContext({ baseURL })).newPage();
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an invited user sets a password from the mail, signs in, and later resets it by mail", async ({ browser, stack }) => {
  const stamp = Date.now();
  const email = `ines-${stamp}@customer.test`;
  const name = `Ines Invited ${stamp}`;
  const base = stack.urls[0];

  // The admin invites Ines as an agent from the users page.
  const admin = await signIn(browser, stack, "admin");
  await admin.goto("/admin/users");
  await expect(admin.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  const invite = admin.getByRole("region", { name: "Invite user" });
  await expect(invite).toBeVisible();
  await invite.getByRole("button", { name: "Send invitation" }).click(); // empty: field errors, focus on the first
  await expect(invite.getByLabel("Name")).toHaveAccessibleDescription("The name is required.");
  await expect(invite.getByLabel("Name")).toBeFocused();
  await expect(invite.getByLabel("E-mail")).toHaveAccessibleDescription("Enter a valid e-mail address.");
  await invite.getByLabel("Name").fill(name);
  await invite.getByLabel("E-mail").fill(email);
  await expect(invite.getByLabel("Role")).toHaveValue("agent");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
  await expect(invite.getByLabel("E-mail")).toHaveValue("");
  const card = admin.getByRole("region", { name });
  await expect(card.getByTestId("user-summary")).toHaveText(/Agent.*Active.*No queues.*Invitation pending/);

  // The same address again is refused beside the field.
  await invite.getByLabel("Name").fill("Ines Twin");
  await invite.getByLabel("E-mail").fill(email.toUpperCase());
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByLabel("E-mail")).toHaveAccessibleDescription("A user with this e-mail address already exists.");
  await expect(invite.getByRole("status")).toHaveText("Please correct the marked fields.");
  await admin.screenshot({ path: "/tmp/invite-form.png", fullPage: true });

  // The invitation reaches the mailbox, machine-made, with a link to this desk.
  const invitation = await stack.catcher.waitFor((m) => m.to.includes(email) && m.subject === "Your invitation to the help desk", 30_000);
  expect(invitation.from).toBe(stack.mailbox);
  expect(invitation.headers.get("auto-submitted")).toBe("auto-generated");
  expect(invitation.text).toContain(`Hello ${name},`);
  const inviteLink = linkIn(invitation);
  expect(inviteLink.startsWith(`${base}/set-password?token=`)).toBe(true);

  // Before a password is set, nothing signs Ines in.
  const ines = await anonymousPage(browser, base);
  await signInAs(ines, email, "any password at all");
  await expect(ines.getByTestId("login-error")).toHaveText("E-mail or password is wrong.");

  // The link opens the public set-password page; the form checks length and repetition.
  await ines.goto(inviteLink);
  await expect(ines.getByRole("heading", { level: 1, name: "Choose a password" })).toBeVisible();
  const password = ines.getByLabel("New password");
  const repeat = ines.getByLabel("Repeat password");
  await expect(password).toHaveAccessibleDescription(/At least 10 characters/);
  await ines.screenshot({ path: "/tmp/set-password.png", fullPage: true });
  await password.fill("short");
  await repeat.fill("short");
  await ines.getByRole("button", { name: "Save password" }).click();
  await expect(password).toHaveAccessibleDescription(/Use at least 10 characters\./);
  await expect(password).toBeFocused();
  await password.fill("invited and trusted");
  await repeat.fill("invited and trusty");
  await ines.getByRole("button", { name: "Save password" }).click();
  await expect(repeat).toHaveAccessibleDescription("The two passwords do not match.");
  await ines.screenshot({ path: "/tmp/set-password-errors.png", fullPage: true });
  await repeat.fill("invited and trusted");
  await expect(repeat).not.toHaveAccessibleDescription(/do not match/); // the error goes while it is being fixed
  await ines.getByRole("button", { name: "Save password" }).click();
  await expect(ines.getByTestId("password-saved")).toHaveText(`You can now sign in as ${email} with your new password.`);

  // Signing in now works; the admin's list no longer shows a pending invitation.
  await ines.getByRole("link", { name: "Sign in" }).click();
  await ines.waitForURL("**/login");
  await ines.getByLabel("E-mail").fill(email);
  await ines.getByLabel("Password", { exact: true }).fill("invited and trusted");
  await ines.getByRole("button", { name: "Sign in" }).click();
  await ines.waitForURL("**/tickets");
  await expect(ines.getByRole("button", { name: "Sign out" })).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole("region", { name }).getByTestId("user-summary")).not.toContainText("Invitation");
  await ines.getByRole("button", { name: "Sign out" }).click();
  await ines.waitForURL("**/login**");

  // Forgot password: the request page answers alike for an unknown address and Ines's.
  const confirmations: string[] = [];
  for (const address of [`nobody-${stamp}@customer.test`, email]) {
    await ines.goto("/login");
    await ines.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(ines.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
    await ines.getByLabel("E-mail").fill(address);
    await ines.getByRole("button", { name: "Send link" }).click();
    const done = ines.getByTestId("reset-requested");
    await expect(done).toContainText(`If ${address} belongs to an account`);
    confirmations.push((await done.innerText()).replace(address, "…"));
  }
  await ines.screenshot({ path: "/tmp/forgot-password-sent.png", fullPage: true });
  expect(confirmations[0]).toBe(confirmations[1]);

  const reset = await stack.catcher.waitFor((m) => m.to.includes(email) && m.subject === "Reset your help-desk password", 30_000);
  expect(reset.headers.get("auto-submitted")).toBe("auto-generated");
  expect(stack.catcher.messages.filter((m) => m.to.includes(`nobody-${stamp}@customer.test`))).toHaveLength(0);
  const resetLink = linkIn(reset);
  expect(resetLink).not.toBe(inviteLink);

  await ines.goto(resetLink);
  await ines.getByLabel("New password").fill("reset and remembered");
  await ines.getByLabel("Repeat password").fill("reset and remembered");
  await ines.getByRole("button", { name: "Save password" }).click();
  await expect(ines.getByTestId("password-saved")).toBeVisible();

  // The old password fails, the new one works.
  await signInAs(ines, email, "invited and trusted");
  await expect(ines.getByTestId("login-error")).toHaveText("E-mail or password is wrong.");
  await signInAs(ines, email, "reset and remembered");
  await ines.waitForURL("**/tickets");
  await ines.getByRole("button", { name: "Sign out" }).click();
  await ines.waitForURL("**/login**");

  // Both links are spent: opening one again only says so, with a way to a new link.
  for (const used of [resetLink, inviteLink]) {
    await ines.goto(used);
    await expect(ines.getByTestId("invalid-link")).toContainText("This link is invalid or has expired.");
    await expect(ines.getByLabel("New password")).toHaveCount(0);
    await expect(ines.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/forgot-password");
  }
  await ines.getByLabel("Language").selectOption("de");
  await expect(ines.getByTestId("invalid-link")).toContainText("Dieser Link ist ungültig oder abgelaufen.");
  await ines.screenshot({ path: "/tmp/set-password-invalid-de.png", fullPage: true });
  await ines.getByLabel("Sprache").selectOption("en");

  await ines.context().close();
  await admin.context().close();
});
