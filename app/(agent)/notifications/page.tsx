import { NotificationsView } from "./NotificationsView";

export const metadata = { title: "Notifications · Help desk" };

export default function NotificationsPage() {
  return <NotificationsView />;
}
