// A customer's HTML mail with an inline image: shown as sanitised HTML with the image in place,
// served from our attachment route only to signed-in users.
import { readFileSync } from "node:fs";
import { appendMail } from "./fixtures/dovecot";
import { expect, test } from "./fixtures/test";

test("an HTML mail shows its inline cid: image in place; attachments need a session", async ({ stack, agent1 }) => {
  const raw = readFileSync(new URL("../worker/fixtures/mails/html-with-cid.eml", import.meta.url));
  await appendMail(stack.dovecot, stack.mailbox, raw);
  const subject = /^Subject: (.*)$/m.exec(raw.toString("latin1"))![1].trim();
  await agent1.getByTestId("ticket-row").filter({ hasText: subject }).click();
  const html = agent1.getByTestId("entry-html");
  await expect(html).toBeVisible();
  const img = html.locator("img").first();
  await expect(img).toHaveAttribute("src", /^\/api\/attachments\/\d+$/);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  expect(await html.innerHTML()).not.toMatch(/<script|onerror=|javascript:/i);

  const src = (await img.getAttribute("src"))!;
  expect((await fetch(`${stack.urls[0]}${src}`)).status).toBe(401);
  const viaSession = await agent1.request.get(src);
  expect(viaSession.status()).toBe(200);
  expect(viaSession.headers()["x-content-type-options"]).toBe("nosniff");
});

test("customer, order and invoice numbers found in a mail show on the ticket", async ({ stack, agent1 }) => {
  const raw = readFileSync(new URL("../worker/fixtures/mails/with-references.eml", import.meta.url));
  await appendMail(stack.dovecot, stack.mailbox, raw);
  await agent1.getByTestId("ticket-row").filter({ hasText: "Lieferung unvollständig" }).click();
  await expect(agent1.getByTestId("ticket-customerNumber")).toHaveText("K-10442");
  await expect(agent1.getByTestId("ticket-orderNumber")).toHaveText("2026-11-0815");
  await expect(agent1.getByTestId("ticket-invoiceNumber")).toHaveText("RE-2026-001");
});
