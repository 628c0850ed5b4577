import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testContext, testDeps } from "../../../db/testing/test-deps";
import { createCaller } from "../../api/root";
import type { Actor } from "../actor";
import { composeReplyText } from "../mail/compose";
import { currentOutOfOffice, readProfile, updateProfile } from "./profile";
import { updateQueueMailSettings } from "../mail/queue-mail-settings";
import { createTicket } from "../tickets/tickets";
import { callOverHttp } from "../../api/testing/call-over-http";

const deps = testDeps();
let agent: Extract<Actor, { kind: "user" }>;
let queueId: number;
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

const http = (path: string, input: unknown, actor: Actor | null) => callOverHttp(deps, path, input, actor);

beforeAll(async () => {
  // A queue of its own: other test files change the Support queue's settings meanwhile.
  queueId = await ensureQueue(deps.db, `Profile queue ${stamp}`, 91);
  agent = await makeUser(deps, "agent");
});
afterAll(() => deps.handle.close());

describe("profile: greeting and signature", () => {
  it("a user reads and updates their own greeting and signature; blank becomes null", async () => {
    const other = await makeUser(deps, "agent");
    await deps.db.update(users).set({ signature: "Other's signature" }).where(eq(users.id, other.userId));
    const api = createCaller(testContext(deps, agent));
    expect(await api.me.profile()).toMatchObject({ userId: agent.userId, name: agent.name, greeting: null, signature: null });

    const saved = await api.me.updateProfile({ greeting: "  Kind regards  ", signature: "\nAda Agent\nSupport\n" });
    expect(saved).toMatchObject({ userId: agent.userId, greeting: "Kind regards", signature: "Ada Agent\nSupport" });
    expect(await readProfile(deps.db, agent)).toEqual(saved);
    const [otherRow] = await deps.db.select().from(users).where(eq(users.id, other.userId));
    expect(otherRow).toMatchObject({ greeting: null, signature: "Other's signature" });

    const cleared = await api.me.updateProfile({ greeting: "   ", signature: "" });
    expect(cleared).toMatchObject({ greeting: null, signature: null });
    const admin = await makeUser(deps, "admin");
    expect(await createCaller(testContext(deps, admin)).me.updateProfile({ greeting: "Cheers", signature: null })).toMatchObject({
      userId: admin.userId, greeting: "Cheers",
    });
  });

  it("is for signed-in users; bad input gets field errors and changes nothing", async () => {
    await expect(createCaller(testContext(deps, null)).me.profile()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await http("me.updateProfile", { greeting: "x", signature: null }, null)).error?.data.code).toBe("UNAUTHORIZED");
    await expect(readProfile(deps.db, { kind: "system" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await updateProfile(deps.db, agent, { greeting: "Kept", signature: null });
    const bad = await http("me.updateProfile", { greeting: "g".repeat(201), signature: "s".repeat(2001) }, agent);
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
    expect(bad.error?.data.fieldErrors).toEqual({
      greeting: ["Your greeting is too long (at most 200 characters)"],
      signature: ["Your signature is too long (at most 2000 characters)"],
    });
    await expect(updateProfile(deps.db, agent, { greeting: null, signature: "s".repeat(2001) })).rejects.toMatchObject({
      code: "INVALID", details: { fieldErrors: { signature: ["The signature is too long (at most 2000 characters)"] } },
    });
    expect((await readProfile(deps.db, agent)).greeting).toBe("Kept");
  });

  it("the saved greeting and signature end up in a reply, each replacing the queue's", async () => {
    const admin = await makeUser(deps, "admin");
    await updateQueueMailSettings(deps.db, admin, queueId, {
      senderAccountId: null, autoresponderEnabled: false, autoresponderText: null, quoting: "none", notifyEmails: [], greeting: "Kind regards", signature: "The Queue",
    });
    const ticket = await createTicket(deps, agent, { title: "Sign", queueId, customerEmail: `p-${stamp}@customer.test`, body: "Hello" });
    const compose = () => composeReplyText(deps.db, { ticketId: ticket.id, queueId, authorUserId: agent.userId, body: "Answer." });
    const api = createCaller(testContext(deps, agent));

    await api.me.updateProfile({ greeting: null, signature: null });
    expect(await compose()).toBe("Answer.\n\nKind regards\n\n-- \nThe Queue");
    await api.me.updateProfile({ greeting: "Best wishes", signature: "Ada\nSupport desk" });
    expect(await compose()).toBe("Answer.\n\nBest wishes\n\n-- \nAda\nSupport desk");
    await api.me.updateProfile({ greeting: "Best wishes", signature: "" });
    expect(await compose()).toBe("Answer.\n\nBest wishes\n\n-- \nThe Queue");
  });

  it("keeps an out-of-office note (gone after its end), the attachment warning and the language", async () => {
    const api = createCaller(testContext(deps, agent));
    const until = new Date(Date.now() + 3_600_000);
    const saved = await api.me.updateProfile({ greeting: null, signature: null, outOfOffice: "  On holiday ", outOfOfficeUntil: until, missingAttachmentWarning: false });
    expect(saved).toMatchObject({ outOfOffice: "On holiday", outOfOfficeUntil: until, missingAttachmentWarning: false });
    // Leaving the new fields out keeps them.
    expect(await api.me.updateProfile({ greeting: "Hi", signature: null })).toMatchObject({ outOfOffice: "On holiday", missingAttachmentWarning: false });
    await expect(api.me.updateProfile({ greeting: null, signature: null, outOfOffice: "x", outOfOfficeUntil: new Date(Date.now() - 1000) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(currentOutOfOffice("Away", new Date(Date.now() - 1000))).toBeNull();
    expect(currentOutOfOffice("Away", null)).toBe("Away");
    // An empty note clears its end too.
    expect(await api.me.updateProfile({ greeting: null, signature: null, outOfOffice: "" })).toMatchObject({ outOfOffice: null, outOfOfficeUntil: null });

    expect((await api.me.get()).language).toBeNull();
    await api.me.setLanguage({ language: "de" });
    expect((await api.me.get()).language).toBe("de");
  });
});
