"use client";

import { localName } from "@/app/_lib/local-name";
import { useI18n } from "@/app/_lib/i18n";

export interface CoOwnerRow {
  userId: string;
  roleId: string;
}

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";

/**
 * Further owners of a ticket, each with a ticket role (C1, B4): one row per person, added
 * and removed with buttons, so the whole list is usable by keyboard.
 */
export function CoOwnersField({
  rows, onChange, people, roles, mainOwnerId, error,
}: {
  rows: CoOwnerRow[];
  onChange: (rows: CoOwnerRow[]) => void;
  people: { id: number; name: string }[];
  roles: { id: number; name: string; nameDe: string | null; active: boolean }[];
  mainOwnerId: string;
  error?: string;
}) {
  const { t, lang } = useI18n();
  const chosen = new Set(rows.map((r) => r.userId));
  const free = people.filter((p) => String(p.id) !== mainOwnerId && !chosen.has(String(p.id)));
  const update = (i: number, patch: Partial<CoOwnerRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "co-owners-error" : undefined}>
      <legend className="text-sm font-medium text-slate-700">{t("ticketFields.coOwners")}</legend>
      {rows.length === 0 && <p className="text-xs text-slate-500">{t("ticketFields.coOwnersNone")}</p>}
      {rows.map((row, i) => {
        const person = people.find((p) => String(p.id) === row.userId);
        return (
          <div key={row.userId || `new-${i}`} className="space-y-1.5 rounded-md border border-slate-200 p-2" data-testid="co-owner-row">
            <select
              aria-label={t("ticketFields.coOwnerPerson", { n: i + 1 })}
              aria-invalid={error ? true : undefined}
              value={row.userId}
              onChange={(e) => update(i, { userId: e.target.value })}
              className={control}
            >
              {!person && <option value={row.userId}>{row.userId ? `#${row.userId}` : "—"}</option>}
              {[...(person ? [person] : []), ...free].map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </select>
            <select
              aria-label={t("ticketFields.coOwnerRole", { n: i + 1 })}
              value={row.roleId}
              onChange={(e) => update(i, { roleId: e.target.value })}
              className={control}
            >
              <option value="">{t("ticketFields.noRole")}</option>
              {roles.filter((r) => r.active || String(r.id) === row.roleId).map((r) => (
                <option key={r.id} value={r.id}>{localName(r, lang)}</option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
              className="text-xs font-medium text-red-700 hover:underline"
            >
              {t("ticketFields.removeCoOwner", { name: person?.name ?? "" })}
            </button>
          </div>
        );
      })}
      {free.length > 0 && (
        <button
          type="button"
          onClick={() => onChange([...rows, { userId: String(free[0].id), roleId: "" }])}
          className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          {t("ticketFields.addCoOwner")}
        </button>
      )}
      {error && (
        <p id="co-owners-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
