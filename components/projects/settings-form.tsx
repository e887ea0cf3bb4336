"use client";

import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { parseList } from "@/components/builds/format";
import { updateProjectAction } from "@/lib/actions/projects";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { byField } from "@/components/ui/field-errors";
import { cx } from "@/components/ui/cx";
import { SectionCard } from "@/components/ui/section-card";
import { submitTo } from "@/components/ui/submit";
import type { FieldError } from "@/lib/errors";
import { RELEASE_TYPES, type ProjectResource } from "@/lib/projects/schemas";
import { ReadOnlyNote } from "@/components/ui/read-only-note";

type Changes = Omit<Parameters<typeof updateProjectAction>[1], "projectId">;
type FlagRow = { key: number; name: string; value: boolean };

// Viewers: the disabled controls read as text, not as inputs waiting for a value.
const READ_ONLY = "[&_input]:cursor-not-allowed [&_input]:text-neutral-600 [&_input]:shadow-none [&_select]:cursor-not-allowed [&_select]:appearance-none [&_select]:text-neutral-600 [&_textarea]:cursor-not-allowed [&_textarea]:text-neutral-600 [&_textarea]:shadow-none";

const READ_ONLY_NOTE = "project-settings-permission";

let rowKeys = 0;
const flagRows = (flags: Record<string, boolean>): FlagRow[] => Object.entries(flags).map(([name, value]) => ({ key: ++rowKeys, name, value }));

/** Errors of the flag rows by row key: the server's (its paths name the flag) and the form's own checks. */
function flagRowErrors(rows: FlagRow[], fieldErrors: FieldError[]): Record<number, string> {
  const errors: Record<number, string> = {};
  for (const e of fieldErrors) {
    const name = e.field.startsWith("default_flags.") ? e.field.slice("default_flags.".length) : null;
    const row = name === null ? undefined : rows.find((r) => r.name.trim() === name);
    if (row) errors[row.key] ??= e.message;
  }
  return errors;
}

function localFlagErrors(rows: FlagRow[]): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (!name) errors[row.key] = "Name the flag, or remove the row.";
    else if (seen.has(name)) errors[row.key] = `${name} is already listed above.`;
    seen.add(name);
  }
  return errors;
}

/**
 * The project's settings: name, description, repository, default branch, and the default build
 * config that fills in what a trigger leaves out. Viewers see it read-only.
 */
export function ProjectSettingsForm({ orgId, project, canWrite }: { orgId: string; project: ProjectResource; canWrite: boolean }) {
  const [flags, setFlags] = useState<FlagRow[]>(() => flagRows(project.default_flags));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [flagErrors, setFlagErrors] = useState<Record<number, string>>({});

  const save = useActionMutation((changes: Changes) => updateProjectAction(orgId, { projectId: project.id, ...changes }), {
    onSuccess: (saved) => {
      setFlags(flagRows(saved.default_flags));
      toast.success(`Settings of ${saved.name} saved`);
    },
    onError: (error) => {
      setErrors(byField(error.fieldErrors));
      setFlagErrors(flagRowErrors(flags, error.fieldErrors));
      toast.error(error.message);
    },
  });

  function submit(form: FormData) {
    setErrors({});
    const local = localFlagErrors(flags);
    setFlagErrors(local);
    if (Object.keys(local).length) {
      toast.error("Check the flags: each needs a name, used once.");
      return;
    }
    const text = (name: string) => String(form.get(name) ?? "").trim();
    save.mutate({
      name: text("name"),
      description: text("description") || null,
      repository: text("repository") || null,
      default_branch: text("default_branch"),
      default_platforms: parseList(text("default_platforms")),
      default_formats: parseList(text("default_formats")),
      default_release_type: text("default_release_type") as Changes["default_release_type"],
      default_flags: Object.fromEntries(flags.map((f) => [f.name.trim(), f.value])),
    });
  }

  const setRow = (key: number, change: Partial<FlagRow>) => setFlags((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  return (
    <SectionCard
      id="project-settings"
      title="General"
      description="The project's name and repository, and the build config used when a trigger leaves fields out."
    >
      <form aria-label="Project settings" onSubmit={submitTo(submit)} className={cx("space-y-6", !canWrite && READ_ONLY)}>
        {!canWrite && <ReadOnlyNote id={READ_ONLY_NOTE}>Viewers can read these settings; developers, admins and owners can change them.</ReadOnlyNote>}
        <fieldset disabled={!canWrite} aria-describedby={canWrite ? undefined : READ_ONLY_NOTE} className="space-y-4">
          <legend className="sr-only">Project</legend>
          <Field label="Name" error={errors.name}>
            {(p) => <Input {...p} name="name" defaultValue={project.name} required maxLength={100} />}
          </Field>
          <Field label="Description" hint="Optional; shown under the project's name." error={errors.description}>
            {(p) => <Textarea {...p} name="description" rows={2} maxLength={500} defaultValue={project.description ?? ""} />}
          </Field>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label="GitHub repository" hint="owner/repository — optional" error={errors.repository}>
              {(p) => <Input {...p} name="repository" defaultValue={project.repository ?? ""} placeholder="my-studio/myplugin" className="font-mono" />}
            </Field>
            <Field label="Default branch" hint="Builds queued without a branch or ref use it." error={errors.default_branch}>
              {(p) => <Input {...p} name="default_branch" defaultValue={project.default_branch} required className="font-mono" />}
            </Field>
          </div>
        </fieldset>

        <fieldset
          disabled={!canWrite}
          aria-describedby={canWrite ? undefined : READ_ONLY_NOTE}
          className="space-y-4 rounded-md bg-neutral-50 p-4 ring-1 ring-neutral-200"
        >
          <legend className="px-1 text-xs font-semibold tracking-wide text-neutral-500 uppercase">Default build config</legend>
          <p className="text-sm text-neutral-600">
            Used for every field a build request leaves out: the manual trigger, <code className="font-mono text-xs">POST …/builds</code>,
            Queue build, and GitHub rules without their own build config. A GitHub release build stays <code>release</code> unless its rule says
            otherwise; flags sent with a build are added to these.
          </p>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            <Field label="Platforms" hint="Comma-separated, e.g. macos, windows" error={errors.default_platforms}>
              {(p) => <Input {...p} name="default_platforms" defaultValue={project.default_platforms.join(", ")} />}
            </Field>
            <Field label="Formats" hint="Comma-separated, e.g. vst3, au" error={errors.default_formats}>
              {(p) => <Input {...p} name="default_formats" defaultValue={project.default_formats.join(", ")} />}
            </Field>
            <Field label="Release type" error={errors.default_release_type}>
              {(p) => <Select {...p} name="default_release_type" defaultValue={project.default_release_type} options={RELEASE_TYPES} />}
            </Field>
          </div>
          <FlagRows
            rows={flags}
            errors={flagErrors}
            error={errors.default_flags}
            canWrite={canWrite}
            onAdd={() => setFlags((rows) => [...rows, { key: ++rowKeys, name: "", value: true }])}
            onChange={setRow}
            onRemove={(key) => setFlags((rows) => rows.filter((r) => r.key !== key))}
          />
        </fieldset>

        {canWrite && (
          <div className="flex justify-end border-t border-neutral-100 pt-4">
            <Button type="submit" loading={save.isPending}>
              Save settings
            </Button>
          </div>
        )}
      </form>
    </SectionCard>
  );
}

function FlagRows({
  rows,
  errors,
  error,
  canWrite,
  onAdd,
  onChange,
  onRemove,
}: {
  rows: FlagRow[];
  errors: Record<number, string>;
  error?: string;
  canWrite: boolean;
  onAdd: () => void;
  onChange: (key: number, change: Partial<FlagRow>) => void;
  onRemove: (key: number) => void;
}) {
  return (
    <div role="group" aria-labelledby="default-flags-label">
      <p id="default-flags-label" className="text-sm font-medium text-neutral-800">
        Flags
      </p>
      {rows.length === 0 ? (
        <p className="mt-1 text-xs text-neutral-500">No default flags. Flags are named booleans passed to the build, like enableActivationKeys.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {rows.map((flag, i) => (
            <li key={flag.key}>
              <div className="flex items-center gap-3">
                <Input
                  aria-label={`Flag ${i + 1} name`}
                  aria-invalid={errors[flag.key] ? true : undefined}
                  aria-describedby={errors[flag.key] ? `flag-${flag.key}-error` : undefined}
                  value={flag.name}
                  placeholder="enableActivationKeys"
                  maxLength={64}
                  className="max-w-xs font-mono"
                  onChange={(e) => onChange(flag.key, { name: e.target.value })}
                />
                <label className="flex items-center gap-2 text-sm text-neutral-700">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand-600"
                    aria-label={`Flag ${i + 1} value`}
                    checked={flag.value}
                    onChange={(e) => onChange(flag.key, { value: e.target.checked })}
                  />
                  {flag.value ? "true" : "false"}
                </label>
                {canWrite && (
                  <Button variant="ghost" size="sm" aria-label={`Remove flag ${flag.name.trim() || i + 1}`} onClick={() => onRemove(flag.key)}>
                    ✕
                  </Button>
                )}
              </div>
              {errors[flag.key] && (
                <p id={`flag-${flag.key}-error`} role="alert" className="mt-1 text-xs text-danger-600">
                  {errors[flag.key]}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && !Object.keys(errors).length && (
        <p role="alert" className="mt-1 text-xs text-danger-600">
          {error}
        </p>
      )}
      {canWrite && (
        <Button variant="secondary" size="sm" className="mt-2" onClick={onAdd}>
          Add flag
        </Button>
      )}
    </div>
  );
}
