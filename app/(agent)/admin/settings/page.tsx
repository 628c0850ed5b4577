import { SettingsView } from "./SettingsView";

export const metadata = { title: "Settings · Help desk" };

export default function SettingsPage() {
  return <SettingsView />;
}
