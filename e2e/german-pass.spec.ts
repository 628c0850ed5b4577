// Issue 12.6: every page in German. Each page is visited with `lang=de`, photographed, and its
// visible text is checked line by line against the English UI texts: a line that is an English
// message (and no German one) means a German user meets English there.
import { readFileSync } from "node:fs";
import type { Page, TestInfo } from "@playwright/test";
import { appendMail } from "./fixtures/dovecot";
import { backToEnglish, expect, signIn, test } from "./fixtures/test";

const catalog = (lang: string): Record<string, string> => JSON.parse(readFileSync(`messages/${lang}.json`, "utf8"));
const en = catalog("en");
const de = catalog("de");
const german = new Set(Object.values(de));
/** Names and product terms that are the same word in both languages. */
const allowlist = new Set(["English", "Deutsch", "E-Mail", "Admin", "OK", "IMAP", "SMTP"]);
const englishOnly = new Set(
  Object.entries(en).flatMap(([key, value]) =>
    value !== de[key] && !german.has(value) && !allowlist.has(value) && !value.includes("{") ? [value] : [],
  ),
);

/** Photographs the page and lists the visible lines that are English UI texts. */
async function englishOn(page: Page, testInfo: TestInfo, name: string): Promise<string[]> {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const text = await page.locator("body").innerText();
  return [...new Set(text.split("\n").map((l) => l.trim()).filter((l) => englishOnly.has(l)))];
}

async function toGerman(page: Page): Promise<void> {
  const stored = page.waitForResponse((r) => r.url().includes("me.setLanguage") && r.ok());
  await page.getByLabel("Language").selectOption("de");
  await stored;
  await expect(page.getByLabel("Sprache")).toBeVisible();
}

test("every page an agent and an admin open shows no English in German", async ({ browser, stack }, testInfo) => {
  test.setTimeout(300_000);
  const stamp = Date.now();
  const subject = `Deutsch ${stamp}`;
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Olga Kunde <olga@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <de-pass-${stamp}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", "Hallo",
  ].join("\r\n"));

  const admin = await signIn(browser, stack, "admin");
  await toGerman(admin);
  const found: Record<string, string[]> = {};
  const check = async (name: string) => {
    const lines = await englishOn(admin, testInfo, name);
    if (lines.length) found[name] = lines;
  };

  try {
    const row = admin.getByTestId("ticket-row").filter({ hasText: subject });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await check("tickets");
    await row.getByRole("link", { name: subject }).click();
    await admin.waitForURL(/\/tickets\/\d+/);
    await check("ticket");
    await admin.getByRole("button", { name: "Bearbeiten", exact: true }).click();
    await expect(admin.getByTestId("ticket-edit-form")).toBeVisible();
    await check("ticket-edit");

    // Taking the ticket: the change line names the actor once ("… → Admin", not "… → Admin · Admin").
    const me = await admin.getByTestId("current-user").innerText();
    const form = admin.getByTestId("ticket-edit-form");
    await form.locator("#edit-owner").selectOption({ label: me });
    await form.getByTestId("ticket-edit-actions").locator('button[type="submit"]').click();
    const taken = admin.locator('[data-testid="entry"][data-kind="system_event"]').filter({ hasText: `→ ${me}` });
    await expect(taken).toHaveCount(1);
    expect((await taken.innerText()).split(me).length - 1).toBe(1);

    for (const path of [
      "/tickets/new", "/contacts", "/contacts/new", "/contacts/organisations", "/profile", "/times", "/notifications",
      "/admin/users", "/admin/queues", "/admin/lists", "/admin/settings", "/admin/mail-accounts", "/admin/mail-accounts/new",
      "/admin/mail-rules", "/admin/outbox", "/admin/quarantine", "/admin/audit",
    ]) {
      await admin.goto(path);
      await check(path.slice(1).replaceAll("/", "-"));
    }
    await admin.goto("/contacts");
    await admin.getByRole("link", { name: /Olga Kunde/ }).first().click();
    await admin.waitForURL(/\/contacts\/\d+/);
    await check("contact");
  } finally {
    await admin.goto("/profile");
    await backToEnglish(admin);
  }

  // The pages before sign-in, chosen by the cookie alone.
  const context = await browser.newContext({ baseURL: stack.urls[0] });
  await context.addCookies([{ name: "lang", value: "de", url: stack.urls[0] }]);
  const guest = await context.newPage();
  for (const path of ["/login", "/forgot-password", "/set-password"]) {
    await guest.goto(path);
    const lines = await englishOn(guest, testInfo, path.slice(1));
    if (lines.length) found[path.slice(1)] = lines;
  }
  await context.close();

  expect(found).toEqual({});
});
