"use client";

import { useEffect, type RefObject } from "react";

/**
 * After a rejected save, keyboard and screen-reader users land on the first field that
 * needs fixing. Runs after the errors are rendered (an effect, not requestAnimationFrame,
 * which a background tab may never run).
 */
export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>, error: unknown) {
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, formRef]);
}
