/**
 * The ticket columns that hold an entry of a configurable list (B8, B9), and which list:
 * the domain validates and names them, the edit form and the detail view show them.
 */
export const optionFields = {
  brandId: "brand",
  categoryId: "category",
  severityId: "severity",
  sourceId: "source",
  serviceContractId: "serviceContract",
} as const;
export type OptionField = keyof typeof optionFields;
export const optionFieldKeys = Object.keys(optionFields) as OptionField[];
