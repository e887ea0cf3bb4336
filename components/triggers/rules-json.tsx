"use client";

import { Field, Textarea } from "@/components/ui/field";

/** The rules as the API's `{ "rules": [...] }` document (the shape of the API), editable. */
export function RulesJson({
  value,
  onChange,
  readOnly,
  readOnlyNoteId,
  invalid,
}: {
  value: string;
  onChange: (next: string) => void;
  readOnly: boolean;
  /** The id of the note saying who may edit, when `readOnly`. */
  readOnlyNoteId?: string;
  invalid: boolean;
}) {
  const lines = value.split("\n").length;
  return (
    <Field
      label="Rules JSON"
      hint={
        <>
          The body of <code className="font-mono">PUT /api/v1/projects/&#123;id&#125;/trigger-rules</code>. Validated when you save.
        </>
      }
    >
      {(p) => (
        <Textarea
          {...p}
          aria-describedby={[p["aria-describedby"], readOnly && readOnlyNoteId].filter(Boolean).join(" ") || undefined}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          readOnly={readOnly}
          spellCheck={false}
          rows={Math.min(Math.max(lines + 1, 8), 28)}
          className="font-mono text-xs leading-relaxed"
        />
      )}
    </Field>
  );
}
