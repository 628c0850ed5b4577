import type { ReactNode } from "react";
import { AgentFrame } from "./_components/AgentFrame";

/** Everything behind sign-in: the agent shell, the live connection and the cache sync. */
export default function AgentLayout({ children }: { children: ReactNode }) {
  return <AgentFrame>{children}</AgentFrame>;
}
