import { afterAll, describe, expect, it } from "vitest";
import { testDeps } from "../../../db/testing/test-deps";
import { setSetting } from "../config/settings";
import { blockedAddressKind, guardMailHost, HostRefusedError, resolveMailHost, type Lookup } from "./host-guard";

const deps = testDeps();
afterAll(() => deps.handle.close());

const fakeDns = (table: Record<string, string[]>): Lookup => async (host) => {
  const addresses = table[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};
const guardOn = { allowPrivateHosts: false };

describe("mail host guard", () => {
  it("knows loopback, link-local and unspecified addresses, and nothing else", () => {
    for (const ip of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) expect(blockedAddressKind(ip)).toBe("loopback");
    for (const ip of ["169.254.169.254", "169.254.0.1", "fe80::1", "febf::ffff"]) expect(blockedAddressKind(ip)).toBe("link-local");
    for (const ip of ["0.0.0.0", "0.1.2.3", "::"]) expect(blockedAddressKind(ip)).toBe("unspecified");
    for (const ip of ["10.1.2.3", "172.16.0.10", "192.168.1.5", "100.64.0.1", "fd00::5", "93.184.216.34", "2001:db8::1", "128.0.0.1"]) {
      expect(blockedAddressKind(ip)).toBeNull();
    }
  });

  it("refuses 127.0.0.1, localhost, 169.254.x and ::1 while the setting is off", async () => {
    for (const host of ["127.0.0.1", "localhost", "169.254.169.254", "::1", "[::1]", "0.0.0.0"]) {
      await expect(resolveMailHost(host, guardOn), host).rejects.toBeInstanceOf(HostRefusedError);
    }
    await expect(resolveMailHost("localhost", guardOn)).rejects.toThrow(/localhost \(127\.0\.0\.1\) is a loopback address/);
  });

  it("refuses a name when any of its addresses is refused (no DNS tricks)", async () => {
    const dns = fakeDns({ "mail.evil.test": ["93.184.216.34", "127.0.0.1"], "meta.evil.test": ["169.254.169.254"] });
    await expect(resolveMailHost("mail.evil.test", { ...guardOn, lookup: dns })).rejects.toThrow(/loopback/);
    await expect(resolveMailHost("meta.evil.test", { ...guardOn, lookup: dns })).rejects.toThrow(/link-local/);
  });

  it("allows private ranges and public addresses, and pins the connection to the checked address", async () => {
    expect(await resolveMailHost("10.0.0.25", guardOn)).toEqual({ host: "10.0.0.25", servername: undefined });
    expect(await resolveMailHost("93.184.216.34", guardOn)).toEqual({ host: "93.184.216.34", servername: undefined });
    const dns = fakeDns({ "imap.example.test": ["2001:db8::25", "93.184.216.34"], "mx.corp.test": ["10.1.2.3"] });
    expect(await resolveMailHost("imap.example.test", { ...guardOn, lookup: dns })).toEqual({
      host: "93.184.216.34", servername: "imap.example.test",
    });
    expect(await resolveMailHost("mx.corp.test", { ...guardOn, lookup: dns })).toEqual({ host: "10.1.2.3", servername: "mx.corp.test" });
  });

  it("lets unknown hosts fail as DNS errors", async () => {
    await expect(resolveMailHost("nowhere.test", { ...guardOn, lookup: fakeDns({}) })).rejects.toMatchObject({ code: "ENOTFOUND" });
  });

  it("follows the admin setting mail.allowPrivateHosts", async () => {
    // Inside a transaction that is rolled back: other test files share this database.
    await deps.db
      .transaction(async (tx) => {
        await setSetting(tx, "mail.allowPrivateHosts", false);
        await expect(guardMailHost(tx, "127.0.0.1")).rejects.toBeInstanceOf(HostRefusedError);
        await expect(guardMailHost(tx, "localhost")).rejects.toBeInstanceOf(HostRefusedError);
        expect(await guardMailHost(tx, "10.9.8.7")).toEqual({ host: "10.9.8.7", servername: undefined });
        await setSetting(tx, "mail.allowPrivateHosts", true);
        expect(await guardMailHost(tx, "127.0.0.1")).toEqual({ host: "127.0.0.1" });
        expect(await guardMailHost(tx, "localhost")).toEqual({ host: "localhost" });
        tx.rollback();
      })
      .catch((err: Error) => {
        if (!/rollback/i.test(err.message)) throw err;
      });
  });
});
