import { forwardRef, useId } from "react";
import { cx } from "./cx";

const FOCUS = "focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-invalid:ring-danger-500";

const CONTROL = `block w-full rounded-control border-0 bg-white px-3 py-2 text-sm text-neutral-900 shadow-xs ring-1 ring-inset ring-neutral-300 placeholder:text-neutral-400 ${FOCUS}`;

const SELECT_TONES = {
  default: "bg-white text-neutral-900 shadow-xs ring-inset ring-neutral-300",
  quiet: "bg-neutral-100 font-medium text-neutral-800 ring-neutral-200",
} as const;

export const Input = forwardRef<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement>>(function Input(
  { className, ...rest },
  ref,
) {
  return <input ref={ref} className={cx(CONTROL, "h-9", className)} {...rest} />;
});

export const Textarea = forwardRef<HTMLTextAreaElement, React.TextareaHTMLAttributes<HTMLTextAreaElement>>(
  function Textarea({ className, ...rest }, ref) {
    return <textarea ref={ref} className={cx(CONTROL, className)} {...rest} />;
  },
);

type SelectOption = string | { value: string | number; label: string };

/** A native <select> styled like Input; `options` follow any children, `compact` is 2rem high, `tone="quiet"` is the grey toolbar look. */
export const Select = forwardRef<
  HTMLSelectElement,
  React.SelectHTMLAttributes<HTMLSelectElement> & { options?: readonly SelectOption[]; compact?: boolean; tone?: keyof typeof SELECT_TONES }
>(function Select({ options = [], compact, tone = "default", className, children, ...rest }, ref) {
  return (
    <select
      ref={ref}
      className={cx("block w-full rounded-control border-0 text-sm ring-1", SELECT_TONES[tone], FOCUS, compact ? "h-8 px-2" : "h-9 px-3", className)}
      {...rest}
    >
      {children}
      {options.map((option) => {
        const { value, label } = typeof option === "string" ? { value: option, label: option } : option;
        return (
          <option key={value} value={value}>
            {label}
          </option>
        );
      })}
    </select>
  );
});

/** A labelled control with hint and error text wired up for screen readers. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: React.ReactNode;
  error?: string;
  children: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-neutral-800">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-neutral-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-danger-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
