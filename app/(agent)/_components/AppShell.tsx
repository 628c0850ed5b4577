"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Avatar } from "@/app/_components/Avatar";
import { LanguageSwitch } from "@/app/_components/LanguageSwitch";
import { useI18n, type MessageKey } from "@/app/_lib/i18n";
import { closeSocket } from "@/app/_lib/socket";
import { useMe } from "./useMe";
import { NotificationBell } from "./NotificationBell";
import { TimesNavItem } from "./TimesNavItem";

interface NavItem {
  href: string;
  label: MessageKey;
  isActive: (path: string) => boolean;
}

const nav: NavItem[] = [
  { href: "/tickets", label: "nav.tickets", isActive: (p) => p === "/tickets" || /^\/tickets\/\d+/.test(p) },
  { href: "/tickets/new", label: "nav.newTicket", isActive: (p) => p === "/tickets/new" },
  { href: "/contacts", label: "nav.contacts", isActive: (p) => p === "/contacts" || p.startsWith("/contacts/") },
];

/** Admin pages, behind one "Administration" menu so the header stays on one line. */
const adminNav: NavItem[] = [
  { href: "/admin/users", label: "nav.users", isActive: (p) => p.startsWith("/admin/users") },
  { href: "/admin/queues", label: "nav.queues", isActive: (p) => p.startsWith("/admin/queues") },
  { href: "/admin/lists", label: "nav.lists", isActive: (p) => p.startsWith("/admin/lists") },
  { href: "/admin/mail-accounts", label: "nav.mailAccounts", isActive: (p) => p.startsWith("/admin/mail-accounts") },
  { href: "/admin/mail-rules", label: "rules.nav", isActive: (p) => p.startsWith("/admin/mail-rules") },
  { href: "/admin/outbox", label: "nav.outbox", isActive: (p) => p.startsWith("/admin/outbox") },
  { href: "/admin/quarantine", label: "nav.quarantine", isActive: (p) => p.startsWith("/admin/quarantine") },
  { href: "/admin/audit", label: "nav.audit", isActive: (p) => p.startsWith("/admin/audit") },
  { href: "/admin/settings", label: "nav.settings", isActive: (p) => p.startsWith("/admin/settings") },
];

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const me = useMe();
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);

  async function handleSignOut() {
    setSigningOut(true);
    closeSocket();
    await signOut({ callbackUrl: "/login" });
  }

  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("app.skipToContent")}
      </a>
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/tickets" className="text-lg font-semibold tracking-tight text-blue-700">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.label")} className="flex-1">
            <ul className="flex flex-wrap items-center gap-1">
              {nav.map((item) => (
                <li key={item.href}>
                  <NavLink item={item} active={item.isActive(pathname)} />
                </li>
              ))}
              <TimesNavItem pathname={pathname} />
              {me.role === "admin" && (
                <li>
                  <AdminMenu pathname={pathname} />
                </li>
              )}
            </ul>
          </nav>
          <div className="flex items-center gap-3">
            <NotificationBell />
            <span className="flex items-center gap-2 text-sm text-slate-700" title={t("header.signedInAs", { name: me.name })}>
              <Link
                href="/profile"
                aria-current={pathname === "/profile" ? "page" : undefined}
                className={`flex items-center gap-2 rounded-md px-1.5 py-1 hover:bg-slate-100 hover:text-slate-900 ${
                  pathname === "/profile" ? "bg-blue-50 text-blue-800" : ""
                }`}
              >
                <Avatar name={me.name} />
                <span data-testid="current-user">{me.name}</span>
                <span className="sr-only">: {t("header.profile")}</span>
              </Link>
              {me.role === "admin" && (
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600">{t("header.admin")}</span>
              )}
            </span>
            <LanguageSwitch />
            <button
              type="button"
              onClick={handleSignOut}
              disabled={signingOut}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
            >
              {t("header.signOut")}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}

export function NavLink({ item, active, onNavigate }: { item: NavItem; active: boolean; onNavigate?: () => void }) {
  const { t } = useI18n();
  return (
    <Link
      href={item.href}
      onClick={onNavigate}
      aria-current={active ? "page" : undefined}
      className={`block rounded-md px-3 py-1.5 text-sm font-medium ${
        active ? "bg-blue-50 text-blue-800" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      }`}
    >
      {t(item.label)}
    </Link>
  );
}

/** A disclosure menu of the admin pages: closes on choice, Escape and a click elsewhere. */
function AdminMenu({ pathname }: { pathname: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const active = adminNav.some((item) => item.isActive(pathname));
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    const escape = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", outside);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", outside);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="admin-menu"
        onClick={() => setOpen((o) => !o)}
        className={`flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-medium ${
          active ? "bg-blue-50 text-blue-800" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        }`}
      >
        {t("nav.admin")}
        <span aria-hidden="true" className="text-xs">
          ▾
        </span>
      </button>
      {open && (
        <ul id="admin-menu" className="absolute left-0 z-30 mt-1 w-56 rounded-lg border border-slate-200 bg-white p-1 shadow-lg">
          {adminNav.map((item) => (
            <li key={item.href}>
              <NavLink item={item} active={item.isActive(pathname)} onNavigate={() => setOpen(false)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
