import { ProfileView } from "./ProfileView";

export const metadata = { title: "Your profile · Help desk" };

export default function ProfilePage() {
  return <ProfileView />;
}
