import { z } from "zod";
import { contactFlags, contactSalutations } from "../../../db/schema";
import { mergeContacts } from "../../domain/people/contact-merge";
import {
  MAX_CONTACT_EMAILS, contactTickets, createContact, customerClasses, getContact, searchContacts, updateContact,
} from "../../domain/people/contacts";
import {
  createOrganisation, deleteOrganisation, getOrganisation, searchOrganisations, updateOrganisation,
} from "../../domain/people/organisations";
import { agentProcedure, router } from "../trpc";

/**
 * Contacts and organisations (K1). Staff data: every procedure is for any signed-in staff
 * user (see server/domain/people/contact-access.ts for why); changes are audited.
 */

const id = z.number().int().positive();
/** An optional text field: trimmed, at most `max` characters; empty is null. */
const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} has at most ${max} characters`)
    .nullish()
    .transform((v) => v || null);

export const contactSearchInput = z.object({
  query: z.string().max(200).default(""),
  organisationId: id.nullish(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

const contactEmailInput = z.object({ email: z.string().trim().max(320), primary: z.boolean().default(false) });

const contactFields = z.object({
  name: text(200, "The display name"),
  salutation: z.enum(contactSalutations, { error: "Choose a salutation" }).nullish().transform((v) => v ?? null),
  firstName: text(100, "The first name"),
  lastName: text(100, "The last name"),
  company: text(200, "The company"),
  organisationId: id.nullish().transform((v) => v ?? null),
  customerNumber: text(50, "A customer number"),
  customerClass: text(50, "A customer class"),
  phone: text(50, "A phone number"),
  mobile: text(50, "A phone number"),
  street: text(200, "The street"),
  postalCode: text(20, "A postal code"),
  city: text(100, "The city"),
  country: text(100, "The country"),
  notes: text(5000, "The notes"),
  flag: z.enum(contactFlags, { error: "Choose a flag" }).default("none"),
  flagNote: text(500, "The note"),
  portalAccess: z.boolean().default(false),
  emails: z.array(contactEmailInput).max(MAX_CONTACT_EMAILS, `At most ${MAX_CONTACT_EMAILS} addresses`),
});

function checkContact(v: z.output<typeof contactFields>, ctx: z.RefinementCtx) {
  // Each address's error is keyed "emails.<i>", so the form shows it beside that address.
  v.emails.forEach((e, i) => {
    if (!z.email().safeParse(e.email).success) ctx.addIssue({ code: "custom", path: [`emails.${i}`], message: "Enter a valid e-mail address" });
  });
  if (v.emails.length === 0) ctx.addIssue({ code: "custom", path: ["emails"], message: "A contact needs at least one e-mail address" });
  const phone = /^[\d\s+\-/().]*$/;
  for (const field of ["phone", "mobile"] as const) {
    if (v[field] && !phone.test(v[field])) ctx.addIssue({ code: "custom", path: [field], message: "Use digits, spaces and + - / ( ) only" });
  }
}

export const contactCreateInput = contactFields.superRefine(checkContact);
export const contactUpdateInput = contactFields.extend({ id, version: z.number().int().min(1) }).superRefine(checkContact);
export const contactIdInput = z.object({ contactId: id });
export const contactTicketsInput = z.object({
  contactId: id,
  limit: z.number().int().min(1).max(200).default(50),
  /** C9: the ticket being viewed, left out of "other tickets of this customer". */
  excludeTicketId: id.optional(),
});
export const contactMergeInput = z.object({ survivorId: id, duplicateId: id });

export const organisationSearchInput = z.object({
  query: z.string().max(200).default(""),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export const organisationFieldsInput = z.object({
  name: z.string().trim().min(1, "The name is required").max(200, "The name has at most 200 characters"),
  customerNumber: text(50, "A customer number"),
  street: text(200, "The street"),
  postalCode: text(20, "A postal code"),
  city: text(100, "The city"),
  country: text(100, "The country"),
  notes: text(5000, "The notes"),
});
export const organisationUpdateInput = organisationFieldsInput.extend({ id, version: z.number().int().min(1) });
export const organisationIdInput = z.object({ organisationId: id });

export const contactRouter = router({
  /** A page of contacts matching the query in any field. */
  search: agentProcedure.input(contactSearchInput).query(({ ctx, input }) => searchContacts(ctx.deps.db, ctx.actor, input)),
  get: agentProcedure.input(contactIdInput).query(({ ctx, input }) => getContact(ctx.deps.db, ctx.actor, input.contactId)),
  /** The contact's tickets that the caller may read. */
  tickets: agentProcedure.input(contactTicketsInput).query(({ ctx, input }) => contactTickets(ctx.deps.db, ctx.actor, input)),
  customerClasses: agentProcedure.query(({ ctx }) => customerClasses(ctx.deps.db, ctx.actor)),
  create: agentProcedure.input(contactCreateInput).mutation(({ ctx, input }) => createContact(ctx.deps.db, ctx.actor, input)),
  update: agentProcedure.input(contactUpdateInput).mutation(({ ctx, input }) => updateContact(ctx.deps, ctx.actor, input)),
  /** The duplicate's addresses and tickets move to the survivor; the duplicate is deleted. */
  merge: agentProcedure.input(contactMergeInput).mutation(({ ctx, input }) => mergeContacts(ctx.deps, ctx.actor, input)),
  organisations: agentProcedure
    .input(organisationSearchInput)
    .query(({ ctx, input }) => searchOrganisations(ctx.deps.db, ctx.actor, input)),
  organisation: agentProcedure
    .input(organisationIdInput)
    .query(({ ctx, input }) => getOrganisation(ctx.deps.db, ctx.actor, input.organisationId)),
  createOrganisation: agentProcedure
    .input(organisationFieldsInput)
    .mutation(({ ctx, input }) => createOrganisation(ctx.deps.db, ctx.actor, input)),
  updateOrganisation: agentProcedure
    .input(organisationUpdateInput)
    .mutation(({ ctx, input }) => updateOrganisation(ctx.deps.db, ctx.actor, input)),
  deleteOrganisation: agentProcedure.input(organisationIdInput).mutation(async ({ ctx, input }) => {
    await deleteOrganisation(ctx.deps.db, ctx.actor, input.organisationId);
    return { ok: true };
  }),
});
