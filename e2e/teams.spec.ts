// Teams as watchers (E4): an admin forms a team; an agent lets it watch a ticket; a member
// who never touched the ticket is told live when the customer writes again.
import { appendMail } from "./fixtures/dovecot";
import { expect, openAdminPage, signIn, test } from "./fixtures/test";

test("a team watching a ticket hears of the customer's next mail", async ({ browser, stack, agent1, agent2 }) => {
  const stamp = Date.now();
  const team = `Night shift ${stamp}`;
  const admin = await signIn(browser, stack, "admin");
  await openAdminPage(admin, "Users");
  await admin.getByRole("button", { name: "New team" }).click();
  const form = admin.getByRole("form", { name: "New team" });
  await form.getByLabel("Name").fill(team);
  await form.getByLabel("Agent 2").check();
  await form.getByRole("button", { name: "Save team" }).click();
  await expect(admin.getByTestId("team-row").filter({ hasText: team })).toContainText("Agent 2");
  await admin.context().close();

  const subject = `Team watch ${stamp}`;
  const mail = (extra: string[], body: string) =>
    appendMail(stack.dovecot, stack.mailbox, [
      "From: Nora Nacht <nora@customer.test>", `To: ${stack.mailbox}`, ...extra, "Content-Type: text/plain; charset=utf-8", "", body,
    ].join("\r\n"));
  await mail([`Subject: ${subject}`, `Message-ID: <team-${stamp}@customer.test>`], "Server down?");
  const row = agent1.getByTestId("ticket-row").filter({ hasText: subject });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.getByRole("link", { name: subject }).click();
  const watchers = agent1.getByTestId("team-watchers");
  await watchers.getByLabel("Add a team…").selectOption({ label: team });
  await expect(watchers).toContainText(team);

  const count = agent2.getByTestId("notification-count");
  const before = (await count.count()) ? Number(await count.textContent()) : 0;
  const number = (await agent1.getByTestId("ticket-number").textContent())!.replace("#", "");
  await mail([`Subject: Re: [Ticket#${number}] ${subject}`, `Message-ID: <team-${stamp}-2@customer.test>`], "Still down.");
  await expect(count).toHaveText(String(before + 1), { timeout: 20_000 });

  // Removing the team stops it watching.
  await watchers.getByRole("button", { name: `Stop ${team} watching` }).click();
  await expect(watchers).toContainText("None");
});
