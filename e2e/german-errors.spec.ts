// Issue 12.2/12.3: a German user's forms answer in German. Empty, too long and malformed
// values get the app's own German texts (no browser bubble, no English, no zod wording), and
// a field with a maximum length stops there with a counter.
import type { Locator, Page } from "@playwright/test";
import { backToEnglish, expect, signIn, test } from "./fixtures/test";

/** English texts and zod's own wording that must not reach a German screen. */
const NOT_GERMAN = /expected|received|Too big|Too small|Invalid|characters|Required|required|Enter |too long|at most|At most/;

async function expectGerman(area: Locator) {
  await expect(area).not.toContainText(NOT_GERMAN);
}

/** The browser would show its own (English) bubble instead of submitting: no form may ask it to. */
async function expectNoNativeValidation(page: Page) {
  expect(await page.locator("form:not([novalidate])").count()).toBe(0);
}

test("login in German: an empty form gets a German message, not the browser's bubble", async ({ browser, stack }) => {
  const page = await (await browser.newContext({ baseURL: stack.urls[0] })).newPage();
  await page.goto("/login");
  await page.getByLabel("Language").selectOption("de");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.");
  await expectNoNativeValidation(page);
  await page.context().close();
});

test("Invite user in German: empty, too long and malformed values are refused in German", async ({ browser, stack }) => {
  const admin = await signIn(browser, stack, "admin");
  await admin.getByLabel("Language").selectOption("de");
  await expect(admin.getByRole("link", { name: "Neues Ticket" })).toBeVisible();
  try {
    await admin.goto("/admin/users");
    const invite = admin.getByRole("region", { name: "Benutzer einladen" });
    await expectNoNativeValidation(admin);
    // Empty.
    await invite.getByRole("button", { name: "Einladung senden" }).click();
    await expect(invite.getByLabel("Name")).toHaveAccessibleDescription("Der Name ist ein Pflichtfeld.");
    await expect(invite.getByLabel("E-Mail")).toHaveAccessibleDescription("Geben Sie eine gültige E-Mail-Adresse ein.");
    await expectGerman(invite);
    // Too long: the field stops at its limit and counts; past it (a script, an old form) the server says "too long".
    const name = invite.getByLabel("Name");
    await name.fill("x".repeat(300));
    await expect(name).toHaveValue("x".repeat(200));
    await expect(invite.getByTestId("length-counter")).toHaveText("200 / 200");
    await name.evaluate((el) => el.removeAttribute("maxlength"));
    await name.fill("x".repeat(300));
    // Malformed.
    await invite.getByLabel("E-Mail").fill("keine-adresse");
    await invite.getByRole("button", { name: "Einladung senden" }).click();
    await expect(name).toHaveAccessibleDescription(/^Zu lang: höchstens 200 Zeichen\./);
    await expect(invite.getByLabel("E-Mail")).toHaveAccessibleDescription("Geben Sie eine gültige E-Mail-Adresse ein.");
    await expectGerman(invite);
  } finally {
    await backToEnglish(admin);
  }
  await admin.context().close();
});
