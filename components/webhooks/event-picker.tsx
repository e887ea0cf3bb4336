"use client";

import { useEffect, useId, useRef } from "react";
import { cx } from "@/components/ui/cx";
import { EVENT_CATALOG, EVENT_GROUPS, type EventType } from "@/lib/webhooks/event-catalog";

const GROUP_LABELS: Record<(typeof EVENT_GROUPS)[number], string> = {
  build: "Builds",
  deployment: "Deployments",
  project: "Projects",
  domain: "Domains",
  endpoint: "Endpoints",
  webhook: "Tests",
};

export type EventSelection = { all: boolean; selected: ReadonlySet<string> };

/** The subscription as the API stores it: an empty list means every event type. */
export function selectionToEvents(selection: EventSelection): EventType[] {
  if (selection.all) return [];
  return EVENT_CATALOG.map((e) => e.type).filter((t) => selection.selected.has(t));
}

export function eventsToSelection(events: readonly string[]): EventSelection {
  return { all: events.length === 0, selected: new Set(events) };
}

function GroupCheckbox({
  label,
  checked,
  indeterminate,
  onChange,
  disabled,
}: {
  label: string;
  checked: boolean;
  indeterminate: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={label}
      checked={checked}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
      className="size-4 shrink-0 rounded accent-brand-600"
    />
  );
}

/** Event types grouped as in the catalog, with "select all" per group and an overall "All events". */
export function EventPicker({
  value,
  onChange,
  error,
  disabled,
}: {
  value: EventSelection;
  onChange: (next: EventSelection) => void;
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const setSelected = (types: string[], on: boolean) => {
    const next = new Set(value.selected);
    for (const t of types) {
      if (on) next.add(t);
      else next.delete(t);
    }
    onChange({ all: false, selected: next });
  };

  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-neutral-800">Events</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        <ModeOption
          name={`${id}-mode`}
          checked={value.all}
          onSelect={() => onChange({ ...value, all: true })}
          title="All events"
          description={`All ${EVENT_CATALOG.length} event types, and any added later.`}
          disabled={disabled}
        />
        <ModeOption
          name={`${id}-mode`}
          checked={!value.all}
          onSelect={() => onChange({ ...value, all: false })}
          title="Selected events"
          description={value.all ? "Choose exactly which event types to receive." : `${value.selected.size} of ${EVENT_CATALOG.length} selected.`}
          disabled={disabled}
        />
      </div>
      {!value.all && (
        <div className="mt-3 gap-3 lg:columns-2">
          {EVENT_GROUPS.map((group) => {
            const entries = EVENT_CATALOG.filter((e) => e.group === group);
            const types = entries.map((e) => e.type);
            const count = types.filter((t) => value.selected.has(t)).length;
            return (
              <div key={group} className="mb-3 break-inside-avoid overflow-hidden rounded-lg ring-1 ring-neutral-200">
                <label className="flex items-center gap-2 border-b border-neutral-100 bg-neutral-50 px-3 py-2 text-sm font-medium text-neutral-800">
                  <GroupCheckbox
                    label={`All ${group} events`}
                    checked={count === types.length}
                    indeterminate={count > 0 && count < types.length}
                    onChange={(on) => setSelected(types, on)}
                    disabled={disabled}
                  />
                  {GROUP_LABELS[group]}
                  <span className="ml-auto text-xs font-normal text-neutral-500">
                    {count}/{types.length}
                  </span>
                </label>
                <ul className="divide-y divide-neutral-100">
                  {entries.map((entry) => (
                    <li key={entry.type}>
                      <label className="flex items-start gap-2 px-3 py-2 text-sm hover:bg-neutral-50">
                        <input
                          type="checkbox"
                          checked={value.selected.has(entry.type)}
                          onChange={(e) => setSelected([entry.type], e.target.checked)}
                          disabled={disabled}
                          className="mt-0.5 size-4 shrink-0 rounded accent-brand-600"
                        />
                        <span className="min-w-0">
                          <span className="block font-mono text-xs font-medium text-neutral-900">{entry.type}</span>
                          <span className="block text-xs text-neutral-500">{entry.description}</span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-2 text-xs text-danger-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function ModeOption({
  name,
  checked,
  onSelect,
  title,
  description,
  disabled,
}: {
  name: string;
  checked: boolean;
  onSelect: () => void;
  title: string;
  description: string;
  disabled?: boolean;
}) {
  return (
    <label
      className={cx(
        "flex cursor-pointer items-start gap-2 rounded-lg px-3 py-2.5 text-sm ring-1",
        checked ? "bg-brand-50/60 ring-brand-500" : "ring-neutral-200 hover:bg-neutral-50",
      )}
    >
      <input type="radio" name={name} checked={checked} onChange={onSelect} disabled={disabled} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
      <span>
        <span className="block font-medium text-neutral-900">{title}</span>
        <span className="block text-xs text-neutral-500">{description}</span>
      </span>
    </label>
  );
}
