import { describe, expect, it } from "vitest";
import { automaticMailReason, deliveryReport } from "./classify";

const person = { headers: [["From", "Anna <anna@example.com>"]] as [string, string][], returnPath: "anna@example.com", fromAddress: "anna@example.com" };
const withHeader = (name: string, value: string) => ({ ...person, headers: [...person.headers, [name, value]] as [string, string][] });

describe("automaticMailReason", () => {
  it("is null for a person's mail, also with Auto-Submitted: no", () => {
    expect(automaticMailReason(person)).toBeNull();
    expect(automaticMailReason(withHeader("Auto-Submitted", "No"))).toBeNull();
    expect(automaticMailReason(withHeader("Precedence", "first-class"))).toBeNull();
    expect(automaticMailReason({ ...person, returnPath: null })).toBeNull();
  });

  it("names the header that makes a mail automatic", () => {
    expect(automaticMailReason(withHeader("Auto-Submitted", "auto-replied"))).toBe("Auto-Submitted: auto-replied");
    expect(automaticMailReason(withHeader("auto-submitted", "auto-generated; owner-email=x@y"))).toBe("Auto-Submitted: auto-generated");
    expect(automaticMailReason(withHeader("Precedence", "Bulk"))).toBe("Precedence: bulk");
    expect(automaticMailReason(withHeader("Precedence", "junk"))).toBe("Precedence: junk");
    expect(automaticMailReason(withHeader("Precedence", "list"))).toBe("Precedence: list");
    expect(automaticMailReason(withHeader("List-Id", "<announce.example.com>"))).toBe("List-Id header present");
    expect(automaticMailReason(withHeader("X-Autoreply", "yes"))).toBe("X-Autoreply header present");
    expect(automaticMailReason(withHeader("X-Autorespond", "1"))).toBe("X-Autorespond header present");
    expect(automaticMailReason(withHeader("X-Auto-Response-Suppress", "All"))).toBe("X-Auto-Response-Suppress header present");
  });

  it("treats an empty Return-Path and daemon senders as automatic", () => {
    expect(automaticMailReason({ ...person, returnPath: "" })).toMatch(/empty Return-Path/);
    expect(automaticMailReason({ ...person, fromAddress: "MAILER-DAEMON@mx.example.com" })).toBe("sent by mailer-daemon");
    expect(automaticMailReason({ ...person, fromAddress: "postmaster@example.com" })).toBe("sent by postmaster");
    expect(automaticMailReason(withHeader("Sender", "Mail System <Postmaster@example.com>"))).toBe("sent by postmaster");
    expect(automaticMailReason({ ...person, fromAddress: "postmaster-team@example.com" })).toBeNull();
  });
});

describe("deliveryReport", () => {
  const status = [
    "Reporting-MTA: dns; mx.example.com",
    "",
    "Final-Recipient: rfc822; ok@example.com",
    "Action: delivered",
    "Status: 2.0.0",
    "",
    "Final-Recipient: rfc822; gone@example.com",
    "Action: failed",
    "Status: 5.1.1 (mailbox unknown)",
    "Diagnostic-Code: smtp; 550 5.1.1 user unknown",
    "  in table",
    "",
  ].join("\r\n");

  it("reports the failed recipient and the original Message-ID", () => {
    expect(deliveryReport(status, "From: a@b\r\nMessage-ID: <orig-1@helpdesk.test>\r\n\r\nbody")).toEqual({
      originalMessageId: "orig-1@helpdesk.test",
      recipient: "gone@example.com",
      status: "5.1.1",
      diagnostic: "550 5.1.1 user unknown in table",
    });
  });

  it("is all nulls for missing or garbled parts", () => {
    expect(deliveryReport(null, null)).toEqual({ originalMessageId: null, recipient: null, status: null, diagnostic: null });
    expect(deliveryReport("garbage\r\n\r\nmore garbage", "\r\n\r\nnot headers")).toEqual({
      originalMessageId: null, recipient: null, status: null, diagnostic: null,
    });
  });
});
