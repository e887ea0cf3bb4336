import { forwardRef } from "react";
import { cx } from "./cx";

const VARIANTS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-brand-600 disabled:bg-brand-600/60",
  secondary: "bg-white text-neutral-800 ring-1 ring-inset ring-neutral-300 hover:bg-neutral-50 focus-visible:outline-brand-600",
  danger: "bg-danger-600 text-white hover:bg-danger-700 focus-visible:outline-danger-600 disabled:bg-danger-600/60",
  ghost: "text-neutral-700 hover:bg-neutral-100 focus-visible:outline-brand-600",
} as const;

const SIZES = { sm: "h-8 px-3 text-sm", md: "h-9 px-4 text-sm" } as const;

export type ButtonProps = React.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof VARIANTS;
  size?: keyof typeof SIZES;
  loading?: boolean;
};

/** Classes of a button, for elements that must look like one (links). */
export function buttonClasses(variant: keyof typeof VARIANTS = "primary", size: keyof typeof SIZES = "md", className?: string) {
  return cx(
    "inline-flex items-center justify-center gap-2 rounded-control font-medium whitespace-nowrap transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-50",
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "primary", size = "md", loading, disabled, className, children, type = "button", ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses(variant, size, className)}
      {...rest}
    >
      {loading && <Spinner />}
      {children}
    </button>
  );
});

export function Spinner({ className }: { className?: string }) {
  return (
    <span
      aria-hidden
      className={cx("inline-block size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent", className)}
    />
  );
}
