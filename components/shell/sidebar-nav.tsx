"use client";

import { usePathname } from "next/navigation";
import { NavLink } from "./nav-link";

export function SidebarNav({ orgId }: { orgId: string }) {
  const pathname = usePathname();
  const base = `/orgs/${orgId}`;
  const items = [
    { href: base, label: "Projects", match: (p: string) => p === base || p.startsWith(`${base}/projects`) },
    { href: `${base}/webhooks`, label: "Webhooks" },
    { href: `${base}/deliveries`, label: "Deliveries" },
    { href: `${base}/inbox`, label: "Test inbox" },
    { href: `${base}/api-keys`, label: "API keys" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/audit-log`, label: "Audit log" },
    { href: `${base}/settings`, label: "Settings" },
  ];
  return (
    <nav aria-label="Organization" className="space-y-1">
      {items.map((item) => {
        const active = item.match ? item.match(pathname) : pathname.startsWith(item.href);
        return (
          <NavLink key={item.href} href={item.href} active={active} look="sidebar">
            {item.label}
          </NavLink>
        );
      })}
    </nav>
  );
}
