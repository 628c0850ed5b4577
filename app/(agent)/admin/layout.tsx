import type { ReactNode } from "react";

/** Every admin page has one content width, so moving between them does not make the page jump. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div data-testid="admin-page" className="mx-auto max-w-6xl">
      {children}
    </div>
  );
}
