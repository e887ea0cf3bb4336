import Link from "next/link";
import { DocsNav } from "@/components/docs/docs-nav";
import { LinkButton } from "@/components/ui/link-button";
import { currentUser } from "@/lib/auth/session";

export const metadata = { title: { default: "Docs", template: "%s · Docs · Control Center" } };

// Docs are public: this layout sits outside the dashboard's, so nothing here requires a session.
export default async function DocsLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <div className="min-h-screen bg-white">
      <header className="sticky top-0 z-30 border-b border-neutral-200 bg-white/95 backdrop-blur">
        <div className="flex h-14 items-center gap-3 px-4 sm:px-6">
          <Link href="/docs" className="flex items-center gap-2 font-semibold text-neutral-900">
            <span className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-xs font-bold text-white">CC</span>
            <span className="hidden sm:inline">Control Center</span>
          </Link>
          <span className="text-neutral-300" aria-hidden>
            /
          </span>
          <span className="text-sm font-medium text-neutral-700">Docs</span>
          <div className="ml-auto flex items-center gap-2">
            <span className="hidden sm:block">
              <LinkButton href="/docs/api" variant="secondary">
                API reference
              </LinkButton>
            </span>
            <LinkButton href={user ? "/" : "/sign-in"}>{user ? "Dashboard" : "Sign in"}</LinkButton>
          </div>
        </div>
        <details className="border-t border-neutral-200 px-4 py-2 md:hidden">
          <summary className="cursor-pointer text-sm font-medium text-neutral-700">Docs menu</summary>
          <div className="mt-2">
            <DocsNav />
          </div>
        </details>
      </header>
      <div className="flex">
        <div className="hidden w-60 shrink-0 border-r border-neutral-200 bg-neutral-50 md:block">
          <aside className="sticky top-14 max-h-[calc(100vh-3.5rem)] overflow-y-auto px-3 py-6">
            <DocsNav />
          </aside>
        </div>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
