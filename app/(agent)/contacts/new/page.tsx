import { NewContactView } from "../_components/NewContactView";

export const metadata = { title: "New contact · Help desk" };

export default function NewContactPage() {
  return <NewContactView />;
}
