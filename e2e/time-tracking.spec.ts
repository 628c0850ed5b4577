// Time tracking (F1–F3): an admin adds an hourly rate under Administration → Lists; agent 1
// books time on a ticket while agent 2 has it open and sees the booking and the totals live;
// the times page filters it and downloads the same selection as CSV (UTF-8 with BOM).
import { readFile } from "node:fs/promises";
import { appendMail } from "./fixtures/dovecot";
import { backToEnglish, expect, openAdminPage, signIn, test } from "./fixtures/test";

test("rate in Lists, time booked live on the ticket, filtered on the times page and downloaded as CSV", async ({ browser, stack, agent1, agent2 }, testInfo) => {
  const stamp = Date.now();
  const subject = `Zeit buchen ${stamp}`;
  const rateName = `Standard ${stamp}`;

  // The admin adds a rate of 90 € per hour.
  const admin = await signIn(browser, stack, "admin");
  await openAdminPage(admin, "Lists");
  await admin.getByRole("tab", { name: "Hourly rates" }).click();
  await admin.getByRole("button", { name: "New rate" }).click();
  const rateForm = admin.getByRole("form", { name: "New hourly rate" });
  await rateForm.getByLabel("Name").fill(rateName);
  await rateForm.getByLabel("€ per hour").fill("abc");
  await rateForm.getByRole("button", { name: "Add" }).click();
  await expect(rateForm.getByText("Enter an amount such as 95 or 95,50")).toBeVisible();
  await rateForm.getByLabel("€ per hour").fill("90,00");
  await rateForm.getByRole("button", { name: "Add" }).click();
  const rateRow = admin.getByTestId("rate-row").filter({ hasText: rateName });
  await expect(rateRow).toContainText("€90.00");
  await admin.screenshot({ path: testInfo.outputPath("hourly-rates.png"), fullPage: true });

  await appendMail(stack.dovecot, stack.mailbox, [
    "From: Tom Kunde <tom@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`,
    `Message-ID: <time-${stamp}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", `Bitte Server prüfen. ${stamp}`,
  ].join("\r\n"));
  for (const page of [agent1, agent2]) {
    const row = page.getByTestId("ticket-row").filter({ hasText: subject });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await row.getByRole("link", { name: subject }).click();
    await expect(page.getByTestId("ticket-times")).toContainText("No time booked yet.");
  }
  await agent2.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  // Agent 1 books 1:30 of a call at the new rate, billable (a mailed ticket defaults to not billable).
  const times1 = agent1.getByTestId("ticket-times");
  await times1.getByRole("button", { name: "Book time" }).click();
  const form = agent1.getByRole("form", { name: "Book time" });
  await expect(form.getByLabel("Billable")).not.toBeChecked();
  await form.getByLabel("Time", { exact: true }).fill("1:3x");
  await form.getByRole("button", { name: "Book" }).click();
  await expect(form.getByText("Enter minutes (e.g. 90) or hours:minutes (e.g. 1:30)")).toBeVisible();
  await form.getByLabel("Time", { exact: true }).fill("1:30");
  await form.getByLabel("Service type").selectOption("call");
  await form.getByLabel("Rate").selectOption({ label: `${rateName} (€90.00)` });
  await form.getByLabel("Billable").check();
  await form.getByLabel("Note").fill("Telefonat mit Tom");
  await form.getByRole("button", { name: "Book" }).click();
  await expect(form).toBeHidden();

  // Agent 2 sees it without a reload, with the totals.
  const times2 = agent2.getByTestId("ticket-times");
  const entry = times2.getByTestId("time-entry");
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Agent 1");
  await expect(entry).toContainText("1:30");
  await expect(entry).toContainText("Call");
  await expect(entry).toContainText("€135.00");
  await expect(times2.getByTestId("time-total-total")).toContainText("1:30");
  await expect(times2.getByTestId("time-total-billable")).toContainText("1:30");
  await expect(times2.getByTestId("time-total-amount")).toContainText("€135.00");
  // Agent 2 may not change agent 1's entry; agent 1 may.
  await expect(entry.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  expect(await agent2.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // Agent 2 books 20 minutes, not billable: the totals follow on agent 1's screen.
  await times2.getByRole("button", { name: "Book time" }).click();
  const form2 = agent2.getByRole("form", { name: "Book time" });
  await form2.getByLabel("Time", { exact: true }).fill("20");
  await form2.getByRole("button", { name: "Book" }).click();
  await expect(times1.getByTestId("time-entry")).toHaveCount(2);
  await expect(times1.getByTestId("time-total-total")).toContainText("1:50");
  await expect(times1.getByTestId("time-total-amount")).toContainText("€135.00");
  await agent1.screenshot({ path: testInfo.outputPath("ticket-times.png"), fullPage: true });

  // The times page: filtered to agent 1, the entry and its totals; the CSV holds the same.
  await agent1.getByRole("link", { name: "Times", exact: true }).click();
  await agent1.waitForURL("**/times");
  await agent1.getByLabel("Agent").selectOption({ label: "Agent 1" });
  await agent1.getByLabel("Billable", { exact: true }).selectOption("billable");
  const reportRow = agent1.getByTestId("report-row").filter({ hasText: subject });
  await expect(reportRow).toHaveCount(1);
  await expect(reportRow).toContainText("€135.00");
  await expect(agent1.getByTestId("report-row").filter({ hasText: "Agent 2" })).toHaveCount(0);
  await agent1.screenshot({ path: testInfo.outputPath("times-page.png"), fullPage: true });
  const [download] = await Promise.all([agent1.waitForEvent("download"), agent1.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = await readFile((await download.path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString("utf8").slice(1);
  expect(text.split("\r\n")[0]).toBe("Date,Ticket,Title,Queue,Agent,Service type,Billable,Minutes,Hours,Rate,€ per hour,Amount €,Note");
  const line = text.split("\r\n").find((l) => l.includes(subject))!;
  expect(line).toContain(`,Agent 1,call,yes,90,1:30,${rateName},90,135,Telefonat mit Tom`);
  expect(text).not.toContain("Agent 2,");

  // In German the page and the CSV follow: ";" between cells and a decimal comma, as German Excel expects.
  await agent1.getByLabel("Language").selectOption("de");
  await expect(agent1.getByRole("heading", { name: "Zeiten" })).toBeVisible();
  await expect(agent1.getByTestId("report-row").filter({ hasText: subject })).toContainText("Telefonat");
  const [german] = await Promise.all([agent1.waitForEvent("download"), agent1.getByRole("link", { name: "CSV herunterladen" }).click()]);
  const deText = (await readFile((await german.path())!)).toString("utf8").slice(1);
  expect(deText.split("\r\n")[0]).toMatch(/^Datum;Ticket;Betreff;Queue;Bearbeiter;Leistungsart;Abrechenbar;/);
  expect(deText.split("\r\n").find((l) => l.includes(subject))).toContain(";Agent 1;call;ja;90;1:30;");
  await agent1.screenshot({ path: testInfo.outputPath("times-page-de.png"), fullPage: true });
  await backToEnglish(agent1);
  await admin.context().close();
});
