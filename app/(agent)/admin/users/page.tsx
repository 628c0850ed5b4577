import { UsersView } from "./UsersView";

export const metadata = { title: "Users · Help desk" };

export default function UsersPage() {
  return <UsersView />;
}
