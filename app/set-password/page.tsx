import { Suspense } from "react";
import { SetPasswordForm } from "./SetPasswordForm";

/** The link's token must not travel on to other sites in a Referer header. */
export const metadata = { title: "Choose a password · Help desk", referrer: "no-referrer" as const };

/** Public: the target of invitation and reset links (outside the (agent) group, which requires a session). */
export default function SetPasswordPage() {
  return (
    <Suspense>
      <SetPasswordForm />
    </Suspense>
  );
}
