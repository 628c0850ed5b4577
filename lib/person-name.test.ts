import { describe, expect, it } from "vitest";
import { splitPersonName } from "./person-name";

describe("splitPersonName", () => {
  it("reads first and last name from the usual spellings", () => {
    expect(splitPersonName("Carla Kundin")).toEqual({ firstName: "Carla", lastName: "Kundin" });
    expect(splitPersonName("Kundin, Carla")).toEqual({ firstName: "Carla", lastName: "Kundin" });
    expect(splitPersonName("Anna Maria Schulz")).toEqual({ firstName: "Anna Maria", lastName: "Schulz" });
    expect(splitPersonName("Anna von Berg")).toEqual({ firstName: "Anna", lastName: "von Berg" });
    expect(splitPersonName(' "Jörg  Müller" ')).toEqual({ firstName: "Jörg", lastName: "Müller" });
  });

  it("leaves names alone that are not a person's", () => {
    for (const n of ["Carla", "", null, "carla@example.com", "Müller GmbH", "ACME Support", "Team Berlin", "Kunde 4711", "a, b, c", "One Two Three Four Five"]) {
      expect(splitPersonName(n), String(n)).toBeNull();
    }
  });
});
