// Personal settings (A6) and the language per user: an out-of-office note shows beside the
// owner's name; the language chosen in the header follows the user to another browser.
import { appendMail } from "./fixtures/dovecot";
import { backToEnglish, expect, signIn, test } from "./fixtures/test";

test("an agent's out-of-office note shows where colleagues pick and see the owner", async ({ stack, agent1, agent2 }) => {
  const stamp = Date.now();
  await agent2.getByRole("link", { name: /Your profile/ }).click();
  await agent2.getByLabel("Out of office").fill(`On holiday ${stamp}`);
  await agent2.getByRole("button", { name: "Save" }).click();
  await expect(agent2.getByText("Saved.")).toBeVisible();

  const subject = `Away ${stamp}`;
  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Olga Kunde <olga@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <away-${stamp}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", "Hallo",
  ].join("\r\n"));
  const row = agent1.getByTestId("ticket-row").filter({ hasText: subject });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.getByRole("link", { name: subject }).click();
  await agent1.getByRole("button", { name: "Edit", exact: true }).click();
  const owner = agent1.getByTestId("ticket-edit-form").getByLabel("Owner");
  await expect(owner.locator("option", { hasText: `Agent 2 · Out of office: On holiday ${stamp}` })).toHaveCount(1);
  await owner.selectOption({ label: `Agent 2 · Out of office: On holiday ${stamp}` });
  await agent1.getByTestId("ticket-edit-form").getByRole("button", { name: "Save" }).click();
  await expect(agent1.getByTestId("owner-away")).toHaveText(`Out of office: On holiday ${stamp}`);

  // Back in the office: the note goes.
  await agent2.getByLabel("Out of office").fill("");
  await agent2.getByRole("button", { name: "Save" }).click();
  await expect(agent2.getByText("Saved.")).toBeVisible();
  await agent1.reload();
  await expect(agent1.getByTestId("ticket-title")).toHaveText(subject);
  await expect(agent1.getByTestId("owner-away")).toHaveCount(0);
});

test("the language chosen in the header follows the user to another browser", async ({ browser, stack, agent2 }) => {
  await agent2.getByLabel("Language").selectOption("de");
  await expect(agent2.getByRole("heading", { level: 1, name: "Tickets" })).toBeVisible();
  await expect(agent2.getByRole("link", { name: "Neues Ticket" })).toBeVisible();
  // A fresh browser (no language cookie) shows German once agent 2 is signed in.
  const fresh = await signIn(browser, stack, "agent2");
  await expect(fresh.getByRole("link", { name: "Neues Ticket" })).toBeVisible();
  // Back to English for the specs that follow.
  await backToEnglish(fresh);
  await expect(fresh.getByRole("link", { name: "New ticket" })).toBeVisible();
  await fresh.context().close();
});
