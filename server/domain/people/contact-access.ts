import type { Actor } from "../actor";
import { forbidden } from "../errors";
import { isStaff } from "../permissions";

/**
 * Contacts and organisations are staff data (K1): every signed-in staff user may read,
 * search, create, edit and merge them, as front-line agents fix a customer's name or add an
 * address while they answer. Each change is recorded in the audit log (who, when, old and new
 * values), so a wrong edit or merge can be traced and undone by hand. The tickets shown with
 * a contact are only those the viewer may read. Customers (A8, later) get no access here.
 */
export function assertContactStaff(actor: Actor): void {
  if (actor.kind !== "system" && !isStaff(actor)) throw forbidden();
}
