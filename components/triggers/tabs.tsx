"use client";

import { useRef } from "react";
import { cx } from "@/components/ui/cx";

/** A small tab list (ARIA tabs pattern): arrow keys move between tabs, the panel is `${id}-${value}`. */
export function Tabs<T extends string>({
  label,
  value,
  onChange,
  options,
  id = "rules-editor",
}: {
  label: string;
  value: T;
  onChange: (next: T) => void;
  options: { value: T; label: string }[];
  id?: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (from: number, delta: number) => {
    const next = (from + delta + options.length) % options.length;
    refs.current[next]?.focus();
    onChange(options[next].value);
  };
  return (
    <div role="tablist" aria-label={label} className="inline-flex rounded-md bg-neutral-100 p-0.5">
      {options.map((o, i) => {
        const selected = o.value === value;
        return (
          <button
            key={o.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${o.value}`}
            aria-selected={selected}
            aria-controls={`${id}-${o.value}`}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(o.value)}
            onKeyDown={(e) => {
              if (e.key === "ArrowRight") move(i, 1);
              else if (e.key === "ArrowLeft") move(i, -1);
            }}
            className={cx(
              "rounded px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600",
              selected ? "bg-white text-neutral-900 shadow-xs" : "text-neutral-600 hover:text-neutral-900",
            )}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
