import { describe, expect, it } from "vitest";
import { addressLines, hasBadPlaceholders, renderPlaceholders, salutationLine } from "./placeholders";

describe("renderPlaceholders", () => {
  it("fills known placeholders, spaces inside the braces allowed", () => {
    const r = renderPlaceholders("{{customer.salutation}},\nticket {{ ticket.number }} – {{agent.name}}", {
      "customer.salutation": "Sehr geehrte Frau Kaya", "ticket.number": "1234", "agent.name": "Ada",
    });
    expect(r).toEqual({ text: "Sehr geehrte Frau Kaya,\nticket 1234 – Ada", empty: [], unknown: [], unclosed: false });
    expect(hasBadPlaceholders(r)).toBe(false);
  });

  it("renders a placeholder without value empty and flags it once", () => {
    const r = renderPlaceholders("{{customer.company}} / {{customer.company}} / {{customer.firstName}}", { "customer.firstName": "  " });
    expect(r.text).toBe(" /  / ");
    expect(r.empty).toEqual(["customer.company", "customer.firstName"]);
    expect(hasBadPlaceholders(r)).toBe(false);
  });

  it("never leaves an unknown placeholder in the text, and flags it", () => {
    const r = renderPlaceholders("Hi {{customer.shoeSize}}!", {});
    expect(r.text).toBe("Hi !");
    expect(r.unknown).toEqual(["customer.shoeSize"]);
    expect(hasBadPlaceholders(r)).toBe(true);
  });

  it("flags an unclosed placeholder", () => {
    const r = renderPlaceholders("Dear {{customer.name", { "customer.name": "Finn" });
    expect(r.unclosed).toBe(true);
    expect(hasBadPlaceholders(r)).toBe(true);
  });

  it("leaves text without placeholders alone, single braces included", () => {
    expect(renderPlaceholders("a {b} c", {})).toEqual({ text: "a {b} c", empty: [], unknown: [], unclosed: false });
  });
});

describe("salutationLine", () => {
  const c = { salutation: null, firstName: null, lastName: null, name: null } as const;
  it("addresses by salutation in German", () => {
    expect(salutationLine({ ...c, salutation: "ms", lastName: "Kaya" }, "de")).toBe("Sehr geehrte Frau Kaya");
    expect(salutationLine({ ...c, salutation: "mr", lastName: "Berg" }, "de")).toBe("Sehr geehrter Herr Berg");
    expect(salutationLine({ ...c, salutation: "mx", firstName: "Sam", lastName: "Lee" }, "de")).toBe("Guten Tag Sam Lee");
    expect(salutationLine(c, "de")).toBe("Sehr geehrte Damen und Herren");
  });
  it("addresses by salutation in English", () => {
    expect(salutationLine({ ...c, salutation: "ms", lastName: "Kaya" }, "en")).toBe("Dear Ms Kaya");
    expect(salutationLine({ ...c, salutation: "mr", lastName: "Berg" }, "en")).toBe("Dear Mr Berg");
    expect(salutationLine({ ...c, name: "Finn" }, "en")).toBe("Dear Finn");
    expect(salutationLine({ ...c, salutation: "ms" }, "en")).toBe("Dear Sir or Madam");
  });
});

describe("addressLines", () => {
  it("joins what is known", () => {
    expect(addressLines({ street: "Hauptstr. 1", postalCode: "10115", city: "Berlin", country: null })).toBe("Hauptstr. 1\n10115 Berlin");
    expect(addressLines({ street: null, postalCode: null, city: null })).toBeNull();
  });
});
