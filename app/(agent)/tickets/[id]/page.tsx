import { TicketView } from "./_components/TicketView";

export const metadata = { title: "Ticket · Help desk" };

export default function TicketPage() {
  return <TicketView />;
}
