"use client";

import { createContext, useContext } from "react";

export interface Me {
  userId: number;
  name: string;
  role: "admin" | "agent" | "backoffice";
  language: "en" | "de" | null;
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside the agent frame (after the sign-in check). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe outside the agent frame");
  return me;
}
