"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { EmptyState, ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { Switch } from "@/app/_components/Switch";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { SaveError } from "@/app/_components/SaveError";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { adminTable as s } from "../../_components/AdminSection";
import { cell, dangerButton, MoveButtons, primaryButton, secondaryButton, smallButton, Swatch, textInput } from "../../_components/ConfigParts";

/** One entry as the generic list shows it: names, colour, active flag (when the list has one) and how often it is used. */
export interface ListRow {
  id: number;
  name: string;
  nameDe: string | null;
  colour: string | null;
  active?: boolean;
  /** Tickets (or, for status groups, statuses) that use the entry; null: nothing refers to this kind yet. */
  usage: number | null;
}

/** What the list needs of its query. */
export interface ListQuery {
  isPending: boolean;
  isError: boolean;
  data: ListRow[] | undefined;
  refetch: () => unknown;
}

export interface ListValues {
  name: string;
  nameDe: string;
  colour: string;
}

/** What the list does with the server, so the same component serves status groups and every kind of field option. */
export interface ListApi {
  save: (id: number | null, values: ListValues) => Promise<unknown>;
  move: (id: number, direction: "up" | "down") => Promise<unknown>;
  remove: (id: number) => Promise<unknown>;
  setActive?: (id: number, active: boolean) => Promise<unknown>;
  /** Refetches the list after a change. */
  refresh: () => Promise<unknown>;
}

export interface ListTexts {
  /** The list's name, e.g. "Brands". */
  title: string;
  intro: string;
  /** The usage column's heading and a row's usage, e.g. "3 tickets". */
  usageHeading: string;
  usage: (count: number) => string;
  /** Shown instead of the delete confirmation while the entry is used. */
  inUse: (name: string, count: number) => string;
  colourRequired: boolean;
}

/**
 * A configurable list (B3, B4, B5, B8, B9): its entries in order with up/down, edit,
 * (de)activate and delete; the form to add or edit one below. Deleting an entry in use is
 * refused by the server with the count; the list says so before.
 */
export function ConfigList({ id, query, api, texts }: { id: string; query: ListQuery; api: ListApi; texts: ListTexts }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState<null | "new" | ListRow>(null);
  const [deleting, setDeleting] = useState<ListRow | null>(null);
  const onSettled = () => api.refresh();
  const move = useMutation({ mutationFn: (v: { id: number; direction: "up" | "down" }) => api.move(v.id, v.direction), onSettled });
  const setActive = useMutation({ mutationFn: (v: { id: number; active: boolean }) => api.setActive!(v.id, v.active), onSettled });
  const failed = [move, setActive].find((m) => m.isError);
  const nameOf = (r: ListRow) => (lang === "de" && r.nameDe ? r.nameDe : r.name);

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4" data-testid={`list-${id}`}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {texts.title}
          </h2>
          <p className="max-w-3xl text-sm text-slate-600">{texts.intro}</p>
        </div>
        <button type="button" className={primaryButton} onClick={() => { setDeleting(null); setEditing("new"); }} disabled={editing === "new"}>
          {t("lists.new")}
        </button>
      </div>
      {failed && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorMessage(failed.error, t("common.error"))}
        </p>
      )}
      {query.isPending ? (
        <LoadingLine />
      ) : query.isError ? (
        <ErrorState message={t("admin.loadError")} onRetry={() => query.refetch()} />
      ) : !query.data || query.data.length === 0 ? (
        <EmptyState message={t("lists.empty")} />
      ) : (
        <div className={s.wrap}>
          <table className={s.table} aria-label={texts.title}>
            <thead>
              <tr>
                <th scope="col" className={`${s.th} w-10`}>#</th>
                <th scope="col" className={s.th}>{t("lists.col.name")}</th>
                <th scope="col" className={s.th}>{t("lists.col.colour")}</th>
                {api.setActive && <th scope="col" className={s.th}>{t("lists.col.active")}</th>}
                <th scope="col" className={`${s.th} text-right`}>{texts.usageHeading}</th>
                <th scope="col" className={s.th}>
                  <span className="sr-only">{t("lists.col.tools")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((r, i, rows) => {
                const name = nameOf(r);
                const other = lang === "de" ? (r.nameDe ? r.name : null) : r.nameDe;
                const active = setActive.isPending && setActive.variables.id === r.id ? setActive.variables.active : r.active;
                return (
                  <tr
                    key={r.id}
                    data-testid="list-row"
                    className={`${editing !== "new" && editing?.id === r.id ? "bg-blue-50" : ""} ${active === false ? "text-slate-400" : ""}`}
                  >
                    <td className={`${cell} tabular-nums text-slate-500`}>{i + 1}</td>
                    <th scope="row" className={`${cell} text-left font-medium ${active === false ? "" : "text-slate-900"}`}>
                      {name}
                      {other && <span className="block text-xs font-normal text-slate-500">{other}</span>}
                    </th>
                    <td className={cell}>
                      {r.colour ? (
                        <span className="inline-flex items-center gap-1.5 font-mono text-xs">
                          <Swatch colour={r.colour} />
                          {r.colour}
                        </span>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                    {api.setActive && (
                      <td className={cell}>
                        <Switch
                          checked={active ?? true}
                          onChange={(on) => setActive.mutate({ id: r.id, active: on })}
                          label={t("lists.activeToggle", { name })}
                          onText={t("lists.active")}
                          offText={t("lists.inactive")}
                        />
                      </td>
                    )}
                    <td className={`${cell} text-right tabular-nums`}>
                      {r.usage === null ? <span title={t("lists.notUsedYet")}>—</span> : texts.usage(r.usage)}
                    </td>
                    <td className={`${cell} whitespace-nowrap text-right`}>
                      <span className="inline-flex gap-1">
                        <MoveButtons
                          upLabel={t("lists.moveUp", { name })}
                          downLabel={t("lists.moveDown", { name })}
                          first={i === 0}
                          last={i === rows.length - 1}
                          disabled={move.isPending}
                          onMove={(direction) => move.mutate({ id: r.id, direction })}
                        />
                        <button type="button" className={smallButton} aria-label={t("lists.editNamed", { name })} onClick={() => { setDeleting(null); setEditing(r); }}>
                          {t("lists.edit")}
                        </button>
                        <button
                          type="button"
                          className={`${smallButton} text-red-700`}
                          aria-label={t("lists.deleteNamed", { name })}
                          onClick={() => { setEditing(null); setDeleting(r); }}
                        >
                          {t("lists.delete")}
                        </button>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <DeleteEntry
          key={deleting.id}
          row={query.data?.find((r) => r.id === deleting.id) ?? deleting}
          name={nameOf(deleting)}
          api={api}
          texts={texts}
          onDone={() => setDeleting(null)}
        />
      )}
      {editing !== null && (
        <EntryForm
          key={editing === "new" ? "new" : editing.id}
          id={`${id}-form`}
          row={editing === "new" ? null : editing}
          api={api}
          texts={texts}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function DeleteEntry({ row, name, api, texts, onDone }: { row: ListRow; name: string; api: ListApi; texts: ListTexts; onDone: () => void }) {
  const { t } = useI18n();
  const remove = useMutation({
    mutationFn: () => api.remove(row.id),
    onSuccess: async () => {
      await api.refresh();
      onDone();
    },
    onError: () => api.refresh(),
  });
  // Status groups may be deleted while statuses use them (they lose the group); field options may not.
  const blocked = (row.usage ?? 0) > 0 && !!api.setActive;
  return (
    <div role="group" aria-label={t("lists.deleteNamed", { name })} data-testid="list-delete" className="space-y-2 rounded-lg border border-red-200 bg-red-50/60 p-4 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <p className="flex-1 text-red-900">{(row.usage ?? 0) > 0 ? texts.inUse(name, row.usage!) : t("lists.deleteConfirm", { name })}</p>
        {!blocked && (
          <button type="button" className={dangerButton} disabled={remove.isPending} onClick={() => remove.mutate()}>
            {t("lists.deleteEntry")}
          </button>
        )}
        {blocked && (
          // Offered anyway: the server has the last word (and says how many tickets).
          <button type="button" className={secondaryButton} disabled={remove.isPending} onClick={() => remove.mutate()}>
            {t("lists.tryDelete")}
          </button>
        )}
        <button type="button" className={secondaryButton} onClick={onDone}>
          {t("lists.cancel")}
        </button>
      </div>
      {remove.isError && (
        <p role="alert" className="font-medium text-red-800">
          {errorMessage(remove.error, t("common.error"))}
        </p>
      )}
    </div>
  );
}

function EntryForm({ id, row, api, texts, onDone }: { id: string; row: ListRow | null; api: ListApi; texts: ListTexts; onDone: () => void }) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<ListValues>({ name: row?.name ?? "", nameDe: row?.nameDe ?? "", colour: row?.colour ?? (texts.colourRequired ? "#64748b" : "") });
  const save = useMutation({
    mutationFn: (values: ListValues) => api.save(row?.id ?? null, values),
    onSuccess: async () => {
      await api.refresh();
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  useFocusFirstInvalid(formRef, save.error);
  const set = (key: keyof ListValues, value: string) => {
    if (save.isError) save.reset();
    setForm((f) => ({ ...f, [key]: value }));
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(form);
  }
  const fid = (name: string) => `${id}-${name}`;
  const validColour = /^#[0-9a-fA-F]{6}$/.test(form.colour.trim());
  const title = row ? t("lists.editTitle", { name: row.name }) : t("lists.newTitle", { list: texts.title });
  return (
    <form ref={formRef} id={id} noValidate onSubmit={submit} aria-label={title} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={fid("name")} label={t("lists.name")} error={errors.name}>
          {(a) => <input {...a} autoComplete="off" value={form.name} onChange={(e) => set("name", e.target.value)} className={textInput} />}
        </Field>
        <Field id={fid("name-de")} label={t("lists.nameDe")} error={errors.nameDe}>
          {(a) => <input {...a} lang="de" autoComplete="off" value={form.nameDe} onChange={(e) => set("nameDe", e.target.value)} className={textInput} />}
        </Field>
        <Field id={fid("colour")} label={t("lists.colour")} hint={texts.colourRequired ? t("lists.colourHint") : t("lists.colourOptionalHint")} error={errors.colour}>
          {(a) => (
            <span className="mt-1 flex items-center gap-2">
              <input
                type="color"
                aria-label={t("lists.pickColour")}
                value={validColour ? form.colour.trim().toLowerCase() : "#64748b"}
                onChange={(e) => set("colour", e.target.value)}
                className="h-9 w-10 shrink-0 cursor-pointer rounded border border-slate-300 bg-white p-0.5"
              />
              <input
                {...a}
                autoComplete="off"
                spellCheck={false}
                placeholder="#2563eb"
                value={form.colour}
                onChange={(e) => set("colour", e.target.value)}
                className={`${textInput} mt-0 font-mono`}
              />
            </span>
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SaveError error={save.isError ? save.error : null} fields={errors} />
        <button type="button" className={secondaryButton} onClick={onDone}>
          {t("lists.cancel")}
        </button>
        <button type="submit" className={primaryButton} disabled={save.isPending}>
          {row ? t("lists.update") : t("lists.add")}
        </button>
      </div>
    </form>
  );
}
