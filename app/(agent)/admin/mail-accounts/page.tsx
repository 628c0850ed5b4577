import { MailAccountsView } from "./MailAccountsView";

export const metadata = { title: "Mail accounts · Help desk" };

export default function MailAccountsPage() {
  return <MailAccountsView />;
}
