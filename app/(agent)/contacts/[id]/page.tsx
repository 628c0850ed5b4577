import { ContactDetailView } from "../_components/ContactDetailView";

export const metadata = { title: "Contact · Help desk" };

export default function ContactPage() {
  return <ContactDetailView />;
}
