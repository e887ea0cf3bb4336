"use client";

import { RadioCards } from "@/components/ui/radio-cards";
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
    <div>
      <RadioCards
        name="format"
        legend="Payload format"
        layout="mt-2 grid gap-2 sm:grid-cols-3"
        options={FORMATS.map((f) => ({ value: f.value, label: FORMAT_LABELS[f.value], description: f.description }))}
        value={value}
        onChange={onChange}
      />
      {value !== "standard" && (
        <p role="note" className="mt-2 rounded-md bg-brand-50 px-3 py-2 text-xs text-brand-700 ring-1 ring-brand-100">
          Events arrive as readable {FORMAT_LABELS[value]} messages: build results with their artifacts, failures with the step and
          error. Paste the channel&apos;s incoming-webhook URL above.
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-xs text-danger-600">
          {error}
        </p>
      )}
    </div>
  );
}
