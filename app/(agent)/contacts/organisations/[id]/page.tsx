import { OrganisationDetailView } from "../../_components/OrganisationDetailView";

export const metadata = { title: "Organisation · Help desk" };

export default function OrganisationPage() {
  return <OrganisationDetailView />;
}
