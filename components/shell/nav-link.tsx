import Link from "next/link";
import { cx } from "@/components/ui/cx";

const LOOKS = {
  tab: {
    base: "block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
    active: "border-brand-600 text-brand-700",
    idle: "border-transparent text-neutral-600 hover:border-neutral-300 hover:text-neutral-900",
  },
  sidebar: {
    base: "block rounded-md px-3 py-2 text-sm font-medium",
    active: "bg-brand-50 text-brand-700",
    idle: "text-neutral-700 hover:bg-neutral-100",
  },
} as const;

/** A navigation link, looking like a tab or a sidebar item, marked as the current page when `active`. */
export function NavLink({ href, active, look, children }: { href: string; active: boolean; look: keyof typeof LOOKS; children: React.ReactNode }) {
  const { base, active: activeClasses, idle } = LOOKS[look];
  return (
    <Link href={href} aria-current={active ? "page" : undefined} className={cx(base, active ? activeClasses : idle)}>
      {children}
    </Link>
  );
}
