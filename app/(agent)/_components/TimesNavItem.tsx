"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_lib/trpc";
import { NavLink } from "./AppShell";
import { useMe } from "./useMe";

const timesItem = { href: "/times", label: "nav.times", isActive: (p: string) => p === "/times" } as const;

/**
 * "Times" (F3) for everyone who may view tickets: admins and agents always, back-office users
 * with the ticket.view right (asked of the server). Each sees only the times of tickets they read.
 */
export function TimesNavItem({ pathname }: { pathname: string }) {
  const me = useMe();
  const trpc = useTRPC();
  const backoffice = me.role === "backoffice";
  const options = useQuery({ ...trpc.timeEntry.reportOptions.queryOptions(), enabled: backoffice });
  if (backoffice && !options.data?.allowed) return null;
  return (
    <li>
      <NavLink item={timesItem} active={timesItem.isActive(pathname)} />
    </li>
  );
}
