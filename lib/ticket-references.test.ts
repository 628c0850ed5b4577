import { describe, expect, it } from "vitest";
import { ticketNumberFromSubject as viaMailAddress } from "./mail-address";
import { referenceNumbersIn, ticketNumberFromSubject, ticketNumbersIn } from "./ticket-references";

describe("ticketNumbersIn", () => {
  it("accepts [Ticket#N] of any length and the keyword forms", () => {
    expect(ticketNumbersIn("Re: [Ticket#7] Drucker", "")).toEqual([7]);
    expect(ticketNumbersIn("", "bezüglich Ticket Nr. 10042 noch eine Frage")).toEqual([10042]);
    expect(ticketNumbersIn("", "Ticket 10042")).toEqual([10042]);
    expect(ticketNumbersIn("", "Ticketnummer: 10042")).toEqual([10042]);
    expect(ticketNumbersIn("", "Ticket-ID #10042")).toEqual([10042]);
    expect(ticketNumbersIn("", "Vorgangsnummer 10042")).toEqual([10042]);
    expect(ticketNumbersIn("", "unter der Nr. 10042")).toEqual([10042]);
    expect(ticketNumbersIn("", "ID: 10042")).toEqual([10042]);
    expect(ticketNumbersIn("", "our ticket number 10042.")).toEqual([10042]);
    expect(ticketNumbersIn("", "No. 10042, please")).toEqual([10042]);
    expect(ticketNumbersIn("", "TICKET NO:10042")).toEqual([10042]);
  });

  it("orders subject before body, tags before keywords, without duplicates", () => {
    expect(ticketNumbersIn("AW: Ticket 20001 [Ticket#20002]", "Ticket Nr. 20003, siehe [Ticket#20002]")).toEqual([20002, 20001, 20003]);
  });

  it("needs the keyword and four digits outside the tag", () => {
    expect(ticketNumbersIn("", "Ihre Anfrage 10042 und 10043")).toEqual([]);
    expect(ticketNumbersIn("", "Ticket 123")).toEqual([]);
    expect(ticketNumbersIn("Re: 10042", "10042")).toEqual([]);
  });

  it("ignores phone numbers, dates and other people's numbers", () => {
    const body = [
      "Tel. Nr. 0171 2345678", "Telefonnummer 030 1234567", "Nr. 0171 2345678", "Nr. 030 12345",
      "Ticket vom 24.03.2026", "Nr. 24.03.2026", "ID 2026-03-24", "Nr. 2026/11", "Ticket 10042 5678",
      "Kunden-Nr. 10442", "Kd.-Nr. 10442", "Kundennummer 10442", "Order No. 55512", "Invoice number 20260",
      "Rechnung Nr. 77812", "Artikel-Nr. 12345", "Session-ID 98765432", "User ID 12345", "Fax-Nr. 4930123",
      "notice 12345", "idea 12345", "Nummernschild 12345",
    ].join("\n");
    expect(ticketNumbersIn("", body)).toEqual([]);
  });

  it("keeps the old subject helper working from both modules", () => {
    expect(ticketNumberFromSubject("Re: [Ticket#10042] Printer")).toBe(10042);
    expect(viaMailAddress("AW: [ticket# 7 ] x")).toBe(7);
    expect(ticketNumberFromSubject("Ticket 10042")).toBeNull();
  });
});

describe("referenceNumbersIn", () => {
  it("finds German labels", () => {
    expect(
      referenceNumbersIn("Unsere Kundennummer: K-10442, Bestellnummer 2026-11-0815, die\nRechnungsnummer lautet RE-2026-001."),
    ).toEqual({ customerNumber: "K-10442", orderNumber: "2026-11-0815", invoiceNumber: "RE-2026-001" });
    expect(referenceNumbersIn("Kunden-Nr. 10442 / Bestellung 4711-A / Rechnung Nr. RE-2026-001")).toEqual({
      customerNumber: "10442", orderNumber: "4711-A", invoiceNumber: "RE-2026-001",
    });
    expect(referenceNumbersIn("Kd.-Nr.: K-1 und Auftragsnummer: A/2026/17, Rechnungs-Nr. 2026.0042")).toEqual({
      customerNumber: "K-1", orderNumber: "A/2026/17", invoiceNumber: "2026.0042",
    });
  });

  it("finds English labels", () => {
    expect(referenceNumbersIn("Customer no. C-77, order number #ORD-2026-9, Invoice No: INV-001.")).toEqual({
      customerNumber: "C-77", orderNumber: "ORD-2026-9", invoiceNumber: "INV-001",
    });
    expect(referenceNumbersIn("Customer number 884422; Order #12345; invoice 2026-001")).toEqual({
      customerNumber: "884422", orderNumber: "12345", invoiceNumber: "2026-001",
    });
  });

  it("skips labels without a number after them and takes the first real one", () => {
    expect(referenceNumbersIn("Ihre Bestellung vom 12.03.2026 ist da. Die Rechnung folgt. Bestellung 2026-11-0815")).toEqual({
      customerNumber: null, orderNumber: "2026-11-0815", invoiceNumber: null,
    });
    expect(referenceNumbersIn("Wir haben keine Kundennummer. Bitte Rechnung per Post.")).toEqual({
      customerNumber: null, orderNumber: null, invoiceNumber: null,
    });
    expect(referenceNumbersIn(null)).toEqual({ customerNumber: null, orderNumber: null, invoiceNumber: null });
  });

  it("does not read a label inside another word", () => {
    expect(referenceNumbersIn("Sammelrechnung 2026-01 und Vorbestellung 12345").invoiceNumber).toBeNull();
    expect(referenceNumbersIn("Vorbestellung 12345").orderNumber).toBeNull();
  });
});
