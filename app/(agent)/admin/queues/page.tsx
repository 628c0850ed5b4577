import { QueuesView } from "./QueuesView";

export const metadata = { title: "Queues · Help desk" };

export default function QueuesPage() {
  return <QueuesView />;
}
