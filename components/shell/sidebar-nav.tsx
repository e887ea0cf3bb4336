"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

export function SidebarNav({ orgId }: { orgId: string }) {
  const pathname = usePathname();
  const base = `/orgs/${orgId}`;
  const items = [
    { href: base, label: "Projects", match: (p: string) => p === base || p.startsWith(`${base}/projects`) },
    { href: `${base}/webhooks`, label: "Webhooks" },
    { href: `${base}/deliveries`, label: "Deliveries" },
    { href: `${base}/api-keys`, label: "API keys" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/audit-log`, label: "Audit log" },
  ];
  return (
    <nav aria-label="Organization" className="space-y-1">
      {items.map((item) => {
        const active = item.match ? item.match(pathname) : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cx(
              "block rounded-md px-3 py-2 text-sm font-medium",
              active ? "bg-brand-50 text-brand-700" : "text-neutral-700 hover:bg-neutral-100",
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
