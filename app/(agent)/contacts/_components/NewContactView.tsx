"use client";

import Link from "next/link";
import { useI18n } from "@/app/_lib/i18n";
import { ContactForm } from "./ContactForm";

/** A contact added by hand (e.g. after a phone call). */
export function NewContactView() {
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/contacts" className="text-sm text-blue-700 hover:underline">
        ← {t("contacts.back")}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{t("contacts.new")}</h1>
      <ContactForm contact={null} />
    </div>
  );
}
