"use client";

import { usePathname } from "next/navigation";
import { NavLink } from "./nav-link";

const TABS = [
  { path: "", label: "Overview" },
  { path: "/webhooks", label: "Webhooks" },
  { path: "/deliveries", label: "Deliveries" },
  { path: "/triggers", label: "Triggers" },
  { path: "/builds", label: "Builds" },
  { path: "/deployments", label: "Deployments" },
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
              <NavLink href={href} active={active} look="tab">
                {tab.label}
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
