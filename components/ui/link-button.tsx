import Link from "next/link";
import { buttonClasses } from "./button";

/** A link that looks like a Button, for navigation that should stay a real link. */
export function LinkButton({
  href,
  variant = "primary",
  className,
  children,
}: {
  href: string;
  variant?: "primary" | "secondary";
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Link href={href} className={buttonClasses(variant, "md", className)}>
      {children}
    </Link>
  );
}
