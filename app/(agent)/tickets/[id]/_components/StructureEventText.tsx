"use client";

import { useI18n, type MessageKey } from "@/app/_lib/i18n";
import type { Entry } from "@/app/_lib/api-types";

type StructureMeta = Extract<NonNullable<Entry["meta"]>, { structure: string }>;

const textOf: Record<StructureMeta["structure"], MessageKey> = {
  parentSet: "structure.event.parentSet",
  parentRemoved: "structure.event.parentRemoved",
  childAdded: "structure.event.childAdded",
  childRemoved: "structure.event.childRemoved",
  mergedInto: "structure.event.mergedInto",
  mergedFrom: "structure.event.mergedFrom",
  copiedFrom: "structure.event.copiedFrom",
};

/** "Merged #10002 into this ticket", "Child #10005 added", … in the reader's language. */
export function StructureEventText({ meta }: { meta: StructureMeta }) {
  const { t } = useI18n();
  return <>{t(textOf[meta.structure], { number: meta.number })}</>;
}
