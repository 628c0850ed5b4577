import { EditMailAccountView } from "../_components/MailAccountPages";

export const metadata = { title: "Mail account · Help desk" };

export default function EditMailAccountPage() {
  return <EditMailAccountView />;
}
