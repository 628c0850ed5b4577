"use client";

import Link from "next/link";
import { useI18n } from "@/app/_lib/i18n";

/** Contacts and organisations: two pages of one area, switched by these links. */
export function ContactsTabs({ current }: { current: "contacts" | "organisations" }) {
  const { t } = useI18n();
  const tabs = [
    { key: "contacts", href: "/contacts", label: t("contacts.tab.contacts") },
    { key: "organisations", href: "/contacts/organisations", label: t("contacts.tab.organisations") },
  ] as const;
  return (
    <nav aria-label={t("contacts.tab.label")} className="border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={current === tab.key ? "page" : undefined}
              className={`inline-block border-b-2 px-1 pb-2 text-sm font-medium ${
                current === tab.key ? "border-blue-600 text-blue-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
              }`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
