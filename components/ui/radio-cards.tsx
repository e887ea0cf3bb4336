"use client";

import { cx } from "./cx";

export type RadioCardOption<T extends string | number> = { value: T; label: React.ReactNode; description: React.ReactNode };

/** A radio group drawn as cards: each option a label with a one-line description. */
export function RadioCards<T extends string | number>({
  name,
  legend,
  options,
  value,
  onChange,
  layout = "mt-2 space-y-2",
}: {
  name: string;
  legend: string;
  options: RadioCardOption<T>[];
  value: T;
  onChange: (value: T) => void;
  layout?: string;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-neutral-800">{legend}</legend>
      <div className={layout}>
        {options.map((o) => (
          <label
            key={String(o.value)}
            className={cx(
              "flex cursor-pointer items-start gap-2 rounded-tile px-3 py-2.5 text-sm ring-1",
              value === o.value ? "bg-brand-50/60 ring-brand-500" : "ring-neutral-200 hover:bg-neutral-50",
            )}
          >
            <input
              type="radio"
              name={name}
              value={String(o.value)}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className="mt-0.5 size-4 shrink-0 accent-brand-600"
            />
            <span>
              <span className="block font-medium text-neutral-900">{o.label}</span>
              <span className="block text-xs text-neutral-500">{o.description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
