import { OutboxView } from "./OutboxView";

export const metadata = { title: "Outbox · Help desk" };

export default function OutboxPage() {
  return <OutboxView />;
}
