import { OrganisationsView } from "../_components/OrganisationsView";

export const metadata = { title: "Organisations · Help desk" };

export default function OrganisationsPage() {
  return <OrganisationsView />;
}
