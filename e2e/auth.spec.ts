// Sign-in, sign-out and the session boundary of both the API and the live socket.
import { io } from "socket.io-client";
import { expect, test } from "./fixtures/test";

test("a wrong password gets one clear message, with no hint whether the account exists", async ({ browser, stack }) => {
  const page = await (await browser.newContext({ baseURL: stack.urls[0] })).newPage();
  await page.goto("/login");
  for (const email of [stack.login("agent1").email, "nobody@demo.test"]) {
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("E-mail or password is wrong.");
  }
  await expect(page).toHaveURL(/\/login/);
  await page.context().close();
});

test("pages, API and socket need a session; sign-out ends it", async ({ stack, agent1 }) => {
  const anonymous = await fetch(`${stack.urls[0]}/api/trpc/ticket.list`);
  expect(anonymous.status).toBe(401);

  const refused = await new Promise<string>((resolve) => {
    const s = io(stack.urls[0], { transports: ["websocket"], reconnection: false });
    s.on("connect", () => resolve("connected"));
    s.on("connect_error", (err) => resolve(err.message));
  });
  expect(refused).toBe("unauthorized");

  const cookies = await agent1.context().cookies();
  const session = cookies.find((c) => c.name.includes("session-token"));
  expect(session).toBeTruthy();
  const accepted = await new Promise<string>((resolve) => {
    const s = io(stack.urls[0], {
      transports: ["websocket"], reconnection: false, extraHeaders: { cookie: `${session!.name}=${session!.value}` },
    });
    s.on("connect", () => {
      resolve("connected");
      s.close();
    });
    s.on("connect_error", (err) => resolve(err.message));
  });
  expect(accepted).toBe("connected");

  await agent1.getByRole("button", { name: "Sign out" }).click();
  await agent1.waitForURL("**/login**");
  await agent1.goto("/tickets");
  await expect(agent1).toHaveURL(/\/login/);
});
