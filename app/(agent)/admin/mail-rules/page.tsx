import { MailRulesView } from "./MailRulesView";

export const metadata = { title: "Mail rules · Help desk" };

export default function MailRulesPage() {
  return <MailRulesView />;
}
