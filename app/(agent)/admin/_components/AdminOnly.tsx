"use client";

import type { ReactNode } from "react";
import { ErrorState } from "@/app/_components/StateMessages";
import { useI18n } from "@/app/_lib/i18n";
import { useMe } from "../../_components/useMe";

/** Admin pages render (and query) only for admins; the server checks again. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  const { t } = useI18n();
  if (me.role !== "admin") return <ErrorState message={t("common.adminOnly")} />;
  return <>{children}</>;
}
