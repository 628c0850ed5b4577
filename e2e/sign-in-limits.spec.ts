// Sign-in limits and the redirect after sign-in, through the real next-auth endpoint
// (issue 11.6 and 11.7). The limits themselves (delays, lock, its end) are tested in
// server/domain/people/attempt-limits.test.ts.
import { expect, test } from "./fixtures/test";

// A stack of its own: the account locked here stays locked for the lock's 15 minutes.
test.use({ stackOptions: { webProcesses: 1 } });

/** One sign-in over HTTP as the login page makes it (CSRF token first); true when a session cookie came back. */
async function signInOverHttp(base: string, email: string, password: string): Promise<boolean> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: base },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  await res.arrayBuffer();
  return res.headers.getSetCookie().some((c) => /session-token=[^;]+/.test(c));
}

test("fifty wrong passwords in five seconds lock the account: the right one gets the same message as a wrong one", async ({ browser, stack }) => {
  const base = stack.urls[0];
  const { email, password } = stack.login("agent2");
  const started = Date.now();
  const wrong = await Promise.all(Array.from({ length: 50 }, () => signInOverHttp(base, email, "wrong-password")));
  expect(wrong.every((ok) => !ok)).toBe(true);
  expect(Date.now() - started).toBeLessThan(15_000);

  // Right after: the right password gets the wrong-password answer, in the browser too.
  expect(await signInOverHttp(base, email, password)).toBe(false);
  const page = await (await browser.newContext({ baseURL: base })).newPage();
  await page.goto("/login");
  await page.waitForLoadState("networkidle"); // the form is hydrated (a first load on a fresh server is slow)
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("E-mail or password is wrong.");
  await expect(page).toHaveURL(/\/login/);
  // Still locked a few seconds later (a delay would be over by now); another account is not affected.
  await page.waitForTimeout(3_000);
  expect(await signInOverHttp(base, email, password)).toBe(false);
  expect(await signInOverHttp(base, stack.login("agent1").email, stack.login("agent1").password)).toBe(true);
  await page.context().close();
});

test("after sign-in, next= only leads to a page of this origin", async ({ browser, stack }) => {
  const base = stack.urls[0];
  const { email, password } = stack.login("agent1");
  for (const next of ["/%5Cevil.host/x", "/%09/evil.host/x", "//evil.host", "https:evil.host", "/%5C%5Cevil.host"]) {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await page.goto(`/login?next=${next}`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Every one of these spellings leads elsewhere when followed; the fallback is the ticket list.
    await expect(page, next).toHaveURL(`${base}/tickets`, { timeout: 15_000 });
    await context.close();
  }
});
