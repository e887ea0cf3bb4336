import Link from "next/link";
import { signOutAction } from "@/lib/actions/auth";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { OrgSwitcher } from "./org-switcher";
import { SidebarNav } from "./sidebar-nav";

type Org = { id: string; name: string; role: string };

export function AppShell({
  orgId,
  orgs,
  user,
  embeddedNotice,
  disabledEndpoints = [],
  children,
}: {
  orgId: string;
  orgs: Org[];
  user: { email: string; name: string | null; role: string };
  embeddedNotice: boolean;
  disabledEndpoints?: { id: string; name: string; reason: string }[];
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-20 border-b border-neutral-200 bg-white/95 backdrop-blur">
        <div className="flex h-14 items-center gap-2 px-4 sm:gap-4 sm:px-6">
          <Link href={`/orgs/${orgId}`} className="flex items-center gap-2 font-semibold text-neutral-900">
            <span className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-xs font-bold text-white">CC</span>
            <span className="hidden sm:inline">Control Center</span>
          </Link>
          <span className="hidden text-neutral-300 sm:inline" aria-hidden>
            /
          </span>
          <OrgSwitcher orgs={orgs} currentId={orgId} />
          <div className="ml-auto flex items-center gap-1 sm:gap-3">
            <Link href="/docs" className="rounded-md px-2 py-1 text-sm font-medium text-neutral-600 hover:bg-neutral-100 hover:text-neutral-900">
              Docs
            </Link>
            <Link
              href="/account"
              aria-label={`Account of ${user.email}`}
              className="rounded-md px-2 py-1 text-right text-xs leading-tight hover:bg-neutral-100"
            >
              <span className="text-sm font-medium text-neutral-600 md:hidden">Account</span>
              <span className="hidden md:block">
                <span className="block font-medium text-neutral-800">{user.name ?? user.email}</span>
                <span className="block text-neutral-500">{user.email}</span>
              </span>
            </Link>
            <span className="hidden sm:inline-flex">
              <Badge tone="info">{user.role}</Badge>
            </span>
            <form action={signOutAction}>
              <Button type="submit" variant="ghost" size="sm">
                Sign out
              </Button>
            </form>
          </div>
        </div>
        {embeddedNotice && (
          <div role="note" className="border-t border-warning-200 bg-warning-50 px-4 py-1.5 text-center text-xs text-warning-900 sm:px-6">
            Embedded default: endpoints may use <code className="font-mono">http://</code> and private or loopback addresses,
            so you can point them at a receiver on this machine. Set <code className="font-mono">DATABASE_URL</code> (or{" "}
            <code className="font-mono">ALLOW_HTTP_ENDPOINTS=0</code>, <code className="font-mono">ALLOW_PRIVATE_ENDPOINTS=0</code>) for
            production rules.
          </div>
        )}
        {disabledEndpoints.length > 0 && (
          <div role="alert" className="border-t border-danger-200 bg-danger-50 px-4 py-2 text-sm text-danger-800 sm:px-6">
            <strong>Deliveries are paused</strong> for{" "}
            {disabledEndpoints.map((e, i) => (
              <span key={e.id}>
                {i > 0 && ", "}
                <Link href={`/orgs/${orgId}/webhooks/${e.id}`} className="font-medium underline">
                  {e.name}
                </Link>
              </span>
            ))}
            : disabled automatically ({disabledEndpoints[0].reason}). Fix the receiver, enable the endpoint, and recover its failed deliveries;
            queued ones go out on their own.
          </div>
        )}
      </header>
      <div className="flex">
        <aside className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-56 shrink-0 border-r border-neutral-200 bg-white px-3 py-4 md:block">
          <SidebarNav orgId={orgId} />
        </aside>
        <main className="min-w-0 flex-1 px-4 py-8 sm:px-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
