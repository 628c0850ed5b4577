import { AuditView } from "./AuditView";

export const metadata = { title: "Audit log · Help desk" };

export default function AuditPage() {
  return <AuditView />;
}
