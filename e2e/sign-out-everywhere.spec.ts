// "Sign out everywhere" (issue 11): from the profile, every browser of the user is signed
// out, this one at once and the others within seconds (the server drops their socket, the
// refetch that follows is refused); their cookies stay useless, and a new sign-in works.
import { expect, signIn, test } from "./fixtures/test";

test("'Sign out everywhere' on the profile signs the user out in every browser", async ({ browser, stack, agent1 }) => {
  const phone = await signIn(browser, stack, "agent1");
  await agent1.getByRole("link", { name: /Your profile/ }).click();
  await agent1.getByRole("button", { name: "Sign out everywhere" }).click();
  await agent1.waitForURL("**/login**");

  await phone.waitForURL("**/login**", { timeout: 10_000 });
  await phone.goto("/tickets");
  await phone.waitForURL("**/login**");

  const again = await signIn(browser, stack, "agent1");
  await expect(again.getByRole("heading", { level: 1, name: "Tickets" })).toBeVisible();
});
