/** What a new password must be (A1): shared by the server's check and the forms' hints. */
export const PASSWORD_MIN_LENGTH = 10;
/** The sign-in form accepts this much; a longer password could be set but never used. */
export const PASSWORD_MAX_LENGTH = 1000;

export type PasswordProblem = "tooShort" | "tooLong";

/** Why a new password is refused, or null. Counted in characters, not UTF-16 units. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "tooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "tooLong";
  return null;
}
