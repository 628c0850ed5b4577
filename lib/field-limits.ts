/**
 * The longest text a field takes, one constant per field: the zod schema refuses more and the
 * form's input stops there (`maxLength`) with a counter near the limit.
 */
export const FIELD_LIMITS = {
  personName: 200,
  email: 320,
  ticketTitle: 300,
  teamName: 100,
  contactName: 200,
  mailRuleName: 200,
  externalRef: 200,
  claimMessage: 2000,
} as const;
