import { TimesView } from "./TimesView";

export const metadata = { title: "Times · Help desk" };

export default function TimesPage() {
  return <TimesView />;
}
