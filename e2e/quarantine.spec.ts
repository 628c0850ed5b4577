// Mail that cannot become a ticket is quarantined, never lost (architecture principle 5). An
// admin sees it in Admin → Quarantine with the reason; "Retry" runs it through the pipeline
// again (junk stays in quarantine; a mail over the size limit becomes a ticket once the limit
// is raised), "Discard" drops it from the list. Agents cannot open the page or its API.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { appendMail } from "./fixtures/dovecot";
import { expect, openAdminPage, signIn, test } from "./fixtures/test";

/**
 * The row of a mail the worker quarantines about now. The list refreshes itself every 15 s;
 * reloading shows the row sooner. Each try waits for the reloaded list (rows or "Nothing in
 * quarantine") before it looks, so a slow load does not count as a miss.
 */
async function waitForRow(admin: Page, reason: string | RegExp) {
  const row = admin.getByTestId("quarantine-row").filter({ hasText: reason });
  const loaded = admin.getByTestId("quarantine-table").or(admin.getByText("Nothing in quarantine."));
  await expect(async () => {
    await admin.reload();
    await expect(loaded).toBeVisible({ timeout: 10_000 });
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ intervals: [500, 1_000, 2_000], timeout: 45_000 });
  return row;
}

/** Sets the mail account's "Largest mail (MB)" through the admin form. */
async function setMaxMailSize(admin: Page, mailbox: string, mb: string) {
  await openAdminPage(admin, "Mail accounts");
  await admin.getByRole("link", { name: `Edit ${mailbox}` }).click();
  await expect(admin.getByRole("heading", { level: 1, name: `Edit ${mailbox}` })).toBeVisible();
  await admin.getByLabel("Largest mail (MB)").fill(mb);
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Mail accounts" })).toBeVisible();
}

test("an admin sees why a mail was quarantined, retries it and discards it", async ({ browser, stack }, testInfo) => {
  test.setTimeout(150_000);
  const admin = await signIn(browser, stack, "admin");
  const stamp = Date.now();

  // 1. Junk that is no mail at all: retrying cannot help, so the admin discards it.
  await appendMail(stack.dovecot, stack.mailbox, readFileSync(new URL("../worker/fixtures/mails/not-a-mail.eml", import.meta.url)));
  await openAdminPage(admin, "Quarantine");
  await expect(admin.getByRole("heading", { level: 1, name: "Quarantine" })).toBeVisible();
  const junk = await waitForRow(admin, "no mail headers found");
  await expect(junk.getByTestId("quarantine-reason")).toHaveText("no mail headers found (not an RFC 822 message)");
  await expect(junk).toContainText(/imap/i);
  await expect(junk).toContainText("117 B");

  const notice = admin.getByTestId("quarantine-notice");
  await junk.getByRole("button", { name: "Retry" }).click();
  await expect(notice).toHaveText("Still quarantined: no mail headers found (not an RFC 822 message)");
  await expect(notice).toHaveRole("status");
  await expect(junk).toHaveCount(1);
  await admin.screenshot({ path: testInfo.outputPath("quarantine.png"), fullPage: true });

  admin.once("dialog", (d) => void d.accept());
  await junk.getByRole("button", { name: "Discard" }).click();
  await expect(notice).toHaveText("Discarded. The raw mail stays stored on the server.");
  await expect(junk).toHaveCount(0);
  // Gone for good, not just from this screen.
  await admin.reload();
  await expect(admin.getByRole("heading", { level: 1, name: "Quarantine" })).toBeVisible();
  await expect(admin.getByTestId("quarantine-row").filter({ hasText: "no mail headers found" })).toHaveCount(0);

  // 2. A real mail over the account's size limit: once the limit is raised, Retry files it.
  const subject = `Scan der Rechnung ${stamp}`;
  const scan = Buffer.alloc(1_200_000, "A").toString("base64").replace(/.{76}/g, "$&\r\n");
  const big = [
    "From: Ida Kundin <ida@customer.test>", `To: ${stack.mailbox}`, `Subject: ${subject}`, `Message-ID: <big-${stamp}@customer.test>`,
    "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="b1"', "",
    "--b1", "Content-Type: text/plain; charset=utf-8", "", "Anbei der Scan.",
    "--b1", "Content-Type: application/pdf", 'Content-Disposition: attachment; filename="scan.pdf"', "Content-Transfer-Encoding: base64", "", scan,
    "--b1--", "",
  ].join("\r\n");
  await setMaxMailSize(admin, stack.mailbox, "1");
  try {
    await appendMail(stack.dovecot, stack.mailbox, big);
    await openAdminPage(admin, "Quarantine");
    const tooBig = await waitForRow(admin, /message is \d+ bytes \(1\.\d MB\), over the 1048576-byte limit \(1 MB\)/);

    // Still too big: the retry says so, and the mail stays.
    await tooBig.getByRole("button", { name: "Retry" }).click();
    await expect(admin.getByTestId("quarantine-notice")).toContainText("Still quarantined: message is");
    await expect(tooBig).toHaveCount(1);
  } finally {
    await setMaxMailSize(admin, stack.mailbox, "25");
  }
  await openAdminPage(admin, "Quarantine");
  const waiting = admin.getByTestId("quarantine-row").filter({ hasText: /over the 1048576-byte limit/ });
  await waiting.getByRole("button", { name: "Retry" }).click();
  // The list may now be empty; what happened stays readable above it.
  await expect(admin.getByTestId("quarantine-notice")).toHaveText(/^Filed: it is now ticket #\d+\.$/);
  await expect(waiting).toHaveCount(0);
  const number = /#(\d+)/.exec((await admin.getByTestId("quarantine-notice").textContent())!)![1];

  await admin.getByRole("link", { name: "Tickets", exact: true }).click();
  const row = admin.getByTestId("ticket-row").filter({ hasText: subject });
  await expect(row).toHaveAttribute("data-ticket-number", number);
  await row.click();
  await expect(admin.getByText("Anbei der Scan.")).toBeVisible();
  await expect(admin.getByRole("link", { name: /scan\.pdf/ })).toBeVisible();
  await admin.context().close();
});

test("an agent cannot open the quarantine, neither the page nor its API", async ({ stack, agent1 }) => {
  await expect(agent1.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(agent1.getByRole("link", { name: "Quarantine" })).toHaveCount(0);
  await agent1.goto("/admin/quarantine");
  await expect(agent1.getByText("Only administrators may see this page.")).toBeVisible();
  await expect(agent1.getByTestId("quarantine-table")).toHaveCount(0);
  await expect(agent1.getByRole("button", { name: "Retry" })).toHaveCount(0);

  const list = await agent1.request.get("/api/trpc/admin.quarantine");
  expect(list.status()).toBe(403);
  expect(await list.text()).not.toContain("no mail headers found");
  const retry = await agent1.request.post("/api/trpc/admin.quarantineRetry", { data: { json: { id: 1 } } });
  expect(retry.status()).toBe(403);
  const discard = await agent1.request.post("/api/trpc/admin.quarantineDiscard", { data: { json: { id: 1 } } });
  expect(discard.status()).toBe(403);
  // Without a session, nothing at all.
  expect((await fetch(`${stack.urls[0]}/api/trpc/admin.quarantine`)).status).toBe(401);
});
