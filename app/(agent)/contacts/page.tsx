import { Suspense } from "react";
import { ContactsView } from "./_components/ContactsView";

export const metadata = { title: "Contacts · Help desk" };

export default function ContactsPage() {
  return (
    <Suspense>
      <ContactsView />
    </Suspense>
  );
}
