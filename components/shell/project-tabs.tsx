"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

const TABS = [
  { path: "", label: "Overview" },
  { path: "/webhooks", label: "Webhooks" },
  { path: "/deliveries", label: "Deliveries" },
  { path: "/triggers", label: "Triggers" },
  { path: "/builds", label: "Builds" },
  { path: "/settings", label: "Settings" },
];

export function ProjectTabs({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Project" className="mt-5 border-b border-neutral-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {TABS.map((tab) => {
          const href = base + tab.path;
          const active = tab.path === "" ? pathname === base : pathname.startsWith(href);
          return (
            <li key={tab.path}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  active ? "border-brand-600 text-brand-700" : "border-transparent text-neutral-600 hover:border-neutral-300 hover:text-neutral-900",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
