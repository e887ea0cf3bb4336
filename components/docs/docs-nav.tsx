"use client";

import { usePathname } from "next/navigation";
import { NavLink } from "@/components/shell/nav-link";
import { DOCS_HOME, DOCS_PAGES } from "./pages";

/** The side navigation shared by every docs page; the current page is marked. */
export function DocsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Docs" className="space-y-1">
      {[{ ...DOCS_HOME, title: "Overview" }, ...DOCS_PAGES].map((page) => (
        <NavLink key={page.href} href={page.href} active={pathname === page.href} look="sidebar">
          {page.title}
        </NavLink>
      ))}
    </nav>
  );
}
