import { Suspense } from "react";
import { TicketsView } from "./_components/TicketsView";

export const metadata = { title: "Tickets · Help desk" };

export default function TicketsPage() {
  return (
    <Suspense>
      <TicketsView />
    </Suspense>
  );
}
