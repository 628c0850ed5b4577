"use client";

import { Field } from "@/app/_components/Field";
import { useI18n } from "@/app/_lib/i18n";
import { fileTypeIds, fileTypes, type FileTypeId } from "@/lib/file-sniff";
import { SettingsSection } from "./SettingParts";

interface Props {
  allowed: FileTypeId[];
  onAllowedChange: (types: FileTypeId[]) => void;
  maxMb: string;
  onMaxMbChange: (mb: string) => void;
  errors: Record<string, string | undefined>;
}

const input =
  "mt-1 block w-28 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";

/** D7: which file types users may attach (checked by content), and how large they may be. */
export function AttachmentSettings({ allowed, onAllowedChange, maxMb, onMaxMbChange, errors }: Props) {
  const { t } = useI18n();
  const toggle = (id: FileTypeId, on: boolean) =>
    onAllowedChange(on ? fileTypeIds.filter((x) => x === id || allowed.includes(x)) : allowed.filter((x) => x !== id));
  return (
    <SettingsSection title={t("settings.section.attachments")}>
      <Field id="setting-max-mb" label={t("settings.maxAttachmentMb")} error={errors.maxAttachmentMb}>
        {(a) => (
          <input {...a} type="number" inputMode="numeric" min={1} max={25} value={maxMb} onChange={(e) => onMaxMbChange(e.target.value)} className={input} />
        )}
      </Field>
      <fieldset aria-describedby="setting-types-hint">
        <legend className="text-sm font-medium text-slate-800">{t("settings.allowedFileTypes")}</legend>
        <p id="setting-types-hint" className="mt-1 text-sm text-slate-600">
          {t("settings.allowedFileTypesHint")}
        </p>
        <ul className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
          {fileTypeIds.map((id) => (
            <li key={id}>
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  checked={allowed.includes(id)}
                  onChange={(e) => toggle(id, e.target.checked)}
                  className="h-4 w-4 rounded border-slate-300"
                />
                {fileTypes[id].extensions.map((x) => `.${x}`).join(", ")}
              </label>
            </li>
          ))}
        </ul>
        {errors.allowedFileTypes && <p className="mt-1 text-sm text-red-700">{errors.allowedFileTypes}</p>}
      </fieldset>
    </SettingsSection>
  );
}
