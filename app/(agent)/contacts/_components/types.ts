import type { RouterInputs, RouterOutputs } from "@/app/_lib/api-types";

/** Shapes of the contact API, as the contact screens use them. */
export type ContactDetail = RouterOutputs["contact"]["get"];
export type ContactListItem = RouterOutputs["contact"]["search"]["items"][number];
export type ContactTicket = RouterOutputs["contact"]["tickets"]["items"][number];
export type OrganisationItem = RouterOutputs["contact"]["organisations"]["items"][number];
export type ContactSaveInput = RouterInputs["contact"]["create"];
export type OrganisationSaveInput = RouterInputs["contact"]["createOrganisation"];
export type ContactFlag = ContactDetail["flag"];

export const salutations = ["mr", "ms", "mx"] as const;
export const contactFlags = ["none", "flagged", "blocked"] as const;
export const PAGE_SIZE = 25;

/** How a contact is shown in one line: its display name, else its primary address. */
export const contactTitle = (c: { name: string | null; email: string }) => c.name || c.email;
