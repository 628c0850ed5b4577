import { NewMailAccountView } from "../_components/MailAccountPages";

export const metadata = { title: "New mail account · Help desk" };

export default function NewMailAccountPage() {
  return <NewMailAccountView />;
}
