import { ForgotPasswordForm } from "./ForgotPasswordForm";

export const metadata = { title: "Reset password · Help desk" };

/** Public: reachable without a session (outside the (agent) group, whose layout requires one). */
export default function ForgotPasswordPage() {
  return <ForgotPasswordForm />;
}
