import { NewTicketForm } from "./_components/NewTicketForm";

export const metadata = { title: "New ticket · Help desk" };

export default function NewTicketPage() {
  return <NewTicketForm />;
}
