import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MailParseError, parseMail } from "./parse-mail";

const fixture = (name: string) => readFileSync(new URL(`../../../worker/fixtures/mails/${name}`, import.meta.url));
const mail = (...lines: string[]) => Buffer.from(lines.join("\r\n"), "latin1");

describe("parseMail: body text", () => {
  it("keeps every text part of an Apple Mail message, in order", async () => {
    const m = await parseMail(fixture("apple-multipart-related.eml"));
    const order = ["PART-ONE", "PART-TWO", "PART-THREE"].map((p) => m.text.indexOf(p));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(m.text).toContain("Viele Grüße\nJana");
    expect(m.attachments.map((a) => [a.filename, a.inline, a.contentId])).toEqual([
      ["IMG_0042.png", true, "A3C1F2E4-1B2D-4F60-8E7A-5C9D0B1E2F34@example.de"],
      ["IMG_0043.png", true, "B7D2E3F5-2C3E-4A71-9F8B-6D0E1C2F3A45@example.de"],
    ]);
  });

  it("keeps every text part when the same parts sit in multipart/mixed", async () => {
    const mixed = fixture("apple-multipart-related.eml").toString("latin1").replace("multipart/related;", "multipart/mixed;");
    const m = await parseMail(Buffer.from(mixed, "latin1"));
    expect(m.text).toMatch(/PART-ONE[^]*PART-TWO[^]*PART-THREE/);
  });

  it("keeps both HTML segments Apple puts around an image", async () => {
    const m = await parseMail(fixture("apple-html-mixed.eml"));
    expect(m.text).toContain("ALT-ONE");
    expect(m.text).toContain("ALT-TWO");
    expect(m.html).toContain("HTML-ONE");
    expect(m.html!.indexOf("HTML-ONE")).toBeLessThan(m.html!.indexOf("HTML-TWO"));
    expect(m.attachments[0]).toMatchObject({ filename: "Scan.png", inline: true });
  });

  it("reads a mail without From and Date", async () => {
    const m = await parseMail(fixture("missing-from.eml"));
    expect(m.from).toBeNull();
    expect(m.date).toBeNull();
    expect(m.subject).toBe("Scan to Mail - Lager");
    expect(m.text).toContain("Multifunktionsgeraet im Lager");
  });

  it("falls back to the raw body when the MIME structure is broken", async () => {
    const m = await parseMail(fixture("broken-mime.eml"));
    expect(m.text).toContain("1423 Datensaetze importiert");
    expect(m.date).toBeNull(); // "not a date at all", not the time of parsing
    const parts = Array.from({ length: 1100 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join("");
    const tooManyParts = await parseMail(mail("From: a@example.com", "Subject: many", "Content-Type: multipart/mixed; boundary=b", "", `${parts}--b--`));
    expect(tooManyParts.text).toContain("part 1099");
  });

  it("sanitises HTML but keeps cid: images", async () => {
    const m = await parseMail(fixture("html-with-cid.eml"));
    expect(m.html).toContain('src="cid:image001.png@01DCB5AA.9E0F4C20"');
    expect(m.html).not.toMatch(/script|onclick/);
  });
});

describe("parseMail: charsets", () => {
  it("decodes ISO-8859-1 bodies and encoded-word subjects and names", async () => {
    const m = await parseMail(fixture("iso-8859-1.eml"));
    expect(m.subject).toBe("Rücksendung: Größe passt nicht (Ärmel zu kurz)");
    expect(m.from).toEqual({ address: "j.mueller@example.de", name: "Jürgen Müller" });
    expect(m.text).toContain("Ich möchte sie gerne gegen Größe L umtauschen");
    expect(m.text).toContain("Straße des 17. Juni");
  });

  it("decodes Windows-1252, including the characters ISO-8859-1 lacks", async () => {
    const m = await parseMail(fixture("windows-1252.eml"));
    expect(m.subject).toBe("Angebot „Wartung 2026“ – Preis 1.200 €");
    expect(m.text).toContain("zu Ihrem Angebot „Wartung 2026“ – Preis 1.200 € netto – hätte ich");
    expect(m.text).toContain("wichtig…");
  });

  it("survives broken UTF-8 with replacement characters", async () => {
    const m = await parseMail(fixture("broken-utf8.eml"));
    expect(m.text).toContain("Dzień dobry");
    expect(m.text).toContain("\uFFFD");
    expect(m.text).toContain("Grüße aus Kraków");
  });

  it("reads raw 8-bit UTF-8 in Subject and From", async () => {
    const m = await parseMail(fixture("8bit-headers.eml"));
    expect(m.subject).toBe("Rückfrage zu Bestellung – Lieferung fehlt 📦");
    expect(m.from).toEqual({ address: "zoe@example.se", name: "Zoë Ångström" });
    expect(m.cc).toEqual(["asa@example.se"]);
  });

  it("reads raw 8-bit Latin-1 headers and multi-byte characters split across encoded words", async () => {
    const m = await parseMail(
      mail(
        "From: =?utf-8?B?SsO8?= =?utf-8?B?cmdlbg==?= <j@example.de>",
        "Subject: Gr\xfc\xdfe aus M\xfcnchen =?utf-8?B?w6Q=?= =?utf-8?B?w7Y?= =?x-unknown?Q?abc?= =?utf-8?Q?_!?=",
        "",
        "Hallo",
      ),
    );
    expect(m.subject).toBe("Grüße aus München äö =?x-unknown?Q?abc?=  !");
    expect(m.from?.name).toBe("Jürgen");
    // The same bytes as one word split mid-character ("ü" = C3 BC) still decode.
    const split = await parseMail(mail("Subject: =?utf-8?Q?M=C3?= =?utf-8?Q?=BCller?=", "", "x"));
    expect(split.subject).toBe("Müller");
  });
});

describe("parseMail: charsets mailparser does not decode", () => {
  it("decodes UTF-7 encoded words (old Outlook) in the subject and the sender's name", async () => {
    const m = await parseMail(fixture("utf7-outlook.eml"));
    expect(m.subject).toBe("Drucker im Büro streikt, Größe");
    expect(m.from).toEqual({ address: "j.groessmann@example.at", name: "Jürgen Größmann" });
  });

  it("decodes every charset iconv-lite knows, such as DOS code pages, in subjects and names", async () => {
    const m = await parseMail(
      mail(
        "From: =?cp850?Q?J=81rgen?= <j@example.test>",
        "Cc: =?ibm437?B?" + Buffer.from([0x84, 0x94]).toString("base64") + "?= <cc@example.test>",
        "Subject: =?cp850?Q?Gr=81=E1e?= aus =?macintosh?Q?K=9Aln?=",
        "",
        "Hallo",
      ),
    );
    expect(m.subject).toBe("Grüße aus Köln");
    expect(m.from).toEqual({ address: "j@example.test", name: "Jürgen" });
  });

  it("decodes UTF-7 attachment names, and leaves a UTF-7 look-alike in the body as written", async () => {
    const m = await parseMail(
      mail(
        "From: a@example.test",
        "Subject: Anhang",
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "Body =?utf-7?Q?B+APw-ro?= stays",
        "--b",
        'Content-Type: application/pdf; name="=?utf-7?Q?B+APw-ro.pdf?="',
        "Content-Disposition: attachment;",
        ' filename="=?utf-7?Q?Gr+APY-+AN8-e_B+APw-ro.pdf?="',
        "",
        "JVBERi0=",
        "--b--",
        "",
      ),
    );
    expect(m.attachments.map((a) => a.filename)).toEqual(["Größe Büro.pdf"]);
    expect(m.text).toBe("Body =?utf-7?Q?B+APw-ro?= stays");
  });

  it("never reads a decoded name as an address", async () => {
    // UTF-7 for: "CEO" <ceo@bank.test>
    const m = await parseMail(mail("From: =?utf-7?Q?+ACI-CEO+ACI-_+ADw-ceo+AEA-bank.test+AD4-?= <real@sender.test>", "Subject: s", "", "x"));
    expect(m.from).toEqual({ address: "real@sender.test", name: '"CEO" <ceo@bank.test>' });
  });

  it("keeps words in transfer encodings posing as charsets, and unknown charsets, as written", async () => {
    const m = await parseMail(mail("From: a@example.test", "Subject: =?base64?Q?abc?= =?x-nonsense?Q?d?=", "", "Hallo"));
    expect(m.subject).toBe("=?base64?Q?abc?= =?x-nonsense?Q?d?=");
  });
});

describe("parseMail: the sender", () => {
  it("takes the customer from Reply-To when From has no usable address", async () => {
    const m = await parseMail(fixture("no-from-reply-to.eml"));
    expect(m.from).toEqual({ address: "erika.mueller@example.org", name: "Erika Müller" });
  });

  it("then from Sender, and only then stays without one", async () => {
    const sender = await parseMail(mail("From: undisclosed-recipients:;", "Sender: Scanner <scan@example.test>", "Subject: s", "", "x"));
    expect(sender.from).toEqual({ address: "scan@example.test", name: "Scanner" });
    const none = await parseMail(mail("From: nobody", "Reply-To: <>", "Subject: s", "", "x"));
    expect(none.from).toBeNull();
  });

  it("prefers a usable From over Reply-To and Sender", async () => {
    const m = await parseMail(mail("From: Carla <carla@example.test>", "Reply-To: list@example.test", "Sender: bounce@example.test", "Subject: s", "", "x"));
    expect(m.from?.address).toBe("carla@example.test");
  });
});

describe("parseMail: headers and classification", () => {
  it("lists every header in order, decoded", async () => {
    const m = await parseMail(fixture("iso-8859-1.eml"));
    expect(m.headers.map(([name]) => name)).toEqual([
      "Return-Path", "Received", "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
      "Content-Transfer-Encoding", "X-Mailer",
    ]);
    expect(m.headers[4]).toEqual(["Subject", "Rücksendung: Größe passt nicht (Ärmel zu kurz)"]);
    expect(m.headers[1][1]).toMatch(/^from mail\.example\.de .* by mx\.helpdesk\.test \(Postfix\) with ESMTPS/);
    expect(m.returnPath).toBe("j.mueller@example.de");
    expect(m.automatic).toBeNull();
  });

  it("marks an Exchange out-of-office reply as automatic", async () => {
    const m = await parseMail(fixture("exchange-ooo.eml"));
    expect(m.automatic).toBe("Auto-Submitted: auto-replied");
    expect(m.autoSubmitted).toBe(true);
    expect(m.ticketNumbers).toEqual([10042]);
    expect(m.inReplyTo).toBe("ticket-10042-reply-1@helpdesk.test");
    const withoutAutoSubmitted = Buffer.from(fixture("exchange-ooo.eml").toString("latin1").replace(/^Auto-Submitted:.*\r\n/m, ""), "latin1");
    expect((await parseMail(withoutAutoSubmitted)).automatic).toBe("X-Auto-Response-Suppress header present");
  });

  it("marks a mailing-list mail as automatic", async () => {
    const m = await parseMail(fixture("mailing-list.eml"));
    expect(m.automatic).toBe("Precedence: list");
    expect(m.autoSubmitted).toBe(false);
    expect(m.returnPath).toBe("bounces+4711-abcd-support=helpdesk.test@lists.example.com");
  });

  it("reads a delivery status notification", async () => {
    const m = await parseMail(fixture("dsn-bounce.eml"));
    expect(m.returnPath).toBe("");
    expect(m.automatic).not.toBeNull();
    expect(m.bounce).toEqual({
      originalMessageId: "orig-123@helpdesk.test",
      recipient: "kunde@example.com",
      status: "5.1.1",
      diagnostic: "550 5.1.1 <kunde@example.com>: Recipient address rejected: User unknown in virtual mailbox table",
    });
    expect(m.text).toContain("could not\nbe delivered");
    expect(m.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["delivery-status.txt", "message/delivery-status"],
      ["[Ticket#10042] Drucker druckt nicht.eml", "message/rfc822"],
    ]);
  });

  it("reads a DSN that returns only the headers (Exchange)", async () => {
    const m = await parseMail(fixture("dsn-headers-only.eml"));
    expect(m.bounce).toEqual({
      originalMessageId: "orig-456@helpdesk.test",
      recipient: "max@example.net",
      status: "5.1.10",
      diagnostic: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
    });
    expect(m.automatic).toBe("Auto-Submitted: auto-replied");
    expect(m.ticketNumbers).toEqual([10043]);
  });

  it("has no bounce and a null Return-Path for an ordinary mail without one", async () => {
    const m = await parseMail(fixture("html-with-cid.eml"));
    expect(m.bounce).toBeNull();
    expect(m.returnPath).toBeNull();
  });
});

describe("parseMail: attachments", () => {
  it("keeps an attached mail as one .eml attachment named after its subject", async () => {
    const m = await parseMail(fixture("nested-rfc822.eml"));
    expect(m.text).toContain("OUTER-TEXT");
    expect(m.text).not.toContain("INNER-TEXT");
    expect(m.attachments).toHaveLength(1); // the inner PDF stays inside the .eml
    const [eml] = m.attachments;
    expect(eml).toMatchObject({ contentType: "message/rfc822", filename: "Rechnung März Betrag stimmt nicht.eml" });
    expect(eml.content.toString()).toContain("INNER-TEXT");
    expect(eml.size).toBe(eml.content.length);
  });

  it("marks cid-referenced images inline and other files not", async () => {
    const m = await parseMail(fixture("html-with-cid.eml"));
    expect(m.attachments.map((a) => [a.filename, a.contentType, a.contentId, a.inline])).toEqual([
      ["image001.png", "image/png", "image001.png@01DCB5AA.9E0F4C20", true],
      ["Exportprotokoll.pdf", "application/pdf", null, false],
    ]);
    expect(m.attachments[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.attachments[0].content.subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("parseMail: numbers", () => {
  it("finds the ticket, customer, order and invoice numbers in a reply", async () => {
    const m = await parseMail(fixture("with-references.eml"));
    expect(m.ticketNumbers).toEqual([10042]);
    expect(m.customerNumber).toBe("K-10442");
    expect(m.orderNumber).toBe("2026-11-0815");
    expect(m.invoiceNumber).toBe("RE-2026-001");
    expect(m.references).toEqual(["ticket-10042-created@helpdesk.test", "ticket-10042-reply-1@helpdesk.test"]);
    expect(m.inReplyTo).toBe("ticket-10042-reply-1@helpdesk.test");
  });
});

describe("fixtures", () => {
  it("are written with CRLF line endings, as mail travels", () => {
    const dir = new URL("../../../worker/fixtures/mails/", import.meta.url);
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".eml") && n !== "not-a-mail.eml")) {
      expect(fixture(name).toString("latin1"), name).not.toMatch(/[^\r]\n/);
    }
  });
});

describe("parseMail: refusals", () => {
  it("throws MailParseError for data that is not a mail", async () => {
    await expect(parseMail(fixture("not-a-mail.eml"))).rejects.toThrow(MailParseError);
    await expect(parseMail(fixture("not-a-mail.eml"))).rejects.toThrow(/no mail headers/);
    await expect(parseMail(Buffer.from("Hello: world\r\n\r\nthis is not mail"))).rejects.toThrow(MailParseError);
    await expect(parseMail(Buffer.alloc(0))).rejects.toThrow(/empty/);
  });

  it("refuses mail over the size limit with the sizes in the reason", async () => {
    const raw = fixture("iso-8859-1.eml");
    const refusal = parseMail(raw, { maxBytes: 100 });
    await expect(refusal).rejects.toThrow(MailParseError);
    await expect(refusal).rejects.toThrow(`message is ${raw.length} bytes (0.9 KB), over the 100-byte limit (0.1 KB)`);
    await expect(parseMail(raw, { maxBytes: raw.length })).resolves.toBeTruthy();
  });
});
