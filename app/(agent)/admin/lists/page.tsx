import { ListsView } from "./ListsView";

export const metadata = { title: "Lists · Help desk" };

export default function ListsPage() {
  return <ListsView />;
}
