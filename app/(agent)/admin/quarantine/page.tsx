import { QuarantineView } from "./QuarantineView";

export const metadata = { title: "Quarantine · Help desk" };

export default function QuarantinePage() {
  return <QuarantineView />;
}
