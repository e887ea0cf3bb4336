"use client";

import { cx } from "@/components/ui/cx";
import type { WebhookResource } from "@/lib/webhooks/schemas";
import { FORMAT_LABELS } from "./labels";

type Format = WebhookResource["format"];

const FORMATS: { value: Format; description: string }[] = [
  { value: "standard", description: "The JSON envelope { id, type, timestamp, data }, signed." },
  { value: "slack", description: "For a Slack incoming-webhook URL." },
  { value: "discord", description: "For a Discord channel webhook URL." },
];

export function FormatPicker({ value, onChange, error }: { value: Format; onChange: (format: Format) => void; error?: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Payload format</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-3">
        {FORMATS.map((f) => (
          <label
            key={f.value}
            className={cx(
              "flex cursor-pointer items-start gap-2 rounded-lg px-3 py-2.5 text-sm ring-1",
              value === f.value ? "bg-brand-50/60 ring-brand-500" : "ring-slate-200 hover:bg-slate-50",
            )}
          >
            <input
              type="radio"
              name="format"
              value={f.value}
              checked={value === f.value}
              onChange={() => onChange(f.value)}
              className="mt-0.5 size-4 shrink-0 accent-brand-600"
            />
            <span>
              <span className="block font-medium text-slate-900">{FORMAT_LABELS[f.value]}</span>
              <span className="block text-xs text-slate-500">{f.description}</span>
            </span>
          </label>
        ))}
      </div>
      {value !== "standard" && (
        <p role="note" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200">
          {FORMAT_LABELS[value]} message formatting arrives soon. The setting is saved; until then this endpoint receives the standard
          JSON payload.
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-xs text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
