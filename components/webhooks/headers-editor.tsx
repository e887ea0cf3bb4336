"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

export type HeaderRow = { key: number; name: string; value: string };

let nextKey = 0;
export function headerRows(headers: Record<string, string>): HeaderRow[] {
  return Object.entries(headers).map(([name, value]) => ({ key: nextKey++, name, value }));
}

/** The rows as the API takes them; rows left completely empty are ignored. */
export function rowsToHeaders(rows: HeaderRow[]): { headers: Record<string, string>; problem: string | null } {
  const headers: Record<string, string> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (!name && !row.value.trim()) continue;
    if (!name) return { headers, problem: "Give every custom header a name, or remove the row." };
    if (Object.keys(headers).some((n) => n.toLowerCase() === name.toLowerCase())) {
      return { headers, problem: `The header ${name} is listed twice.` };
    }
    headers[name] = row.value;
  }
  return { headers, problem: null };
}

/** Key/value rows for the custom headers sent with every request to the endpoint. */
export function HeadersEditor({
  rows,
  onChange,
  error,
  disabled,
}: {
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const update = (key: number, patch: Partial<HeaderRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend className="text-sm font-medium text-neutral-800">Custom headers</legend>
      <p id={`${id}-hint`} className="mt-1 text-xs text-neutral-500">
        Sent with every request, e.g. an <code className="font-mono">Authorization</code> token your receiver expects. Signature and
        content headers are set by Control Center. Values are stored encrypted, shown only to developers, admins and owners, and
        redacted in the delivery log.
      </p>
      {rows.length > 0 && (
        <ul className="mt-2 space-y-2">
          {rows.map((row, i) => (
            <li key={row.key} className="flex items-center gap-2">
              <div className="w-2/5 shrink-0">
                <Input
                  aria-label={`Header name ${i + 1}`}
                  placeholder="X-Api-Key"
                  value={row.name}
                  onChange={(e) => update(row.key, { name: e.target.value })}
                  disabled={disabled}
                  maxLength={100}
                  className="font-mono text-xs"
                  autoComplete="off"
                />
              </div>
              <div className="min-w-0 flex-1">
                <Input
                  aria-label={`Header value ${i + 1}`}
                  placeholder="value"
                  value={row.value}
                  onChange={(e) => update(row.key, { value: e.target.value })}
                  disabled={disabled}
                  maxLength={2000}
                  className="font-mono text-xs"
                  autoComplete="off"
                />
              </div>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove header ${row.name.trim() || i + 1}`}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                disabled={disabled}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button
        variant="secondary"
        size="sm"
        className="mt-2"
        disabled={disabled || rows.length >= 20}
        onClick={() => onChange([...rows, { key: nextKey++, name: "", value: "" }])}
      >
        Add header
      </Button>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-2 text-xs text-danger-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
