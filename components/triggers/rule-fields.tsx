"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { ActiveSwitch } from "@/components/ui/switch";
import { BUILD_RELEASE_TYPES, draftKey, RELEASE_ACTIONS, type RuleDraft } from "./rule-draft";

/** The project's build defaults: what a rule's empty build config fields fall back to. */
export type ProjectBuildDefaults = { platforms: string[]; formats: string[]; releaseType: string; flags: Record<string, boolean> };

const listed = (values: string[]) => (values.length ? values.join(", ") : "none");

/** "enableActivationKeys: true, beta: false", or null without flags. */
export function flagsText(flags: Record<string, boolean>): string | null {
  const entries = Object.entries(flags);
  return entries.length ? entries.map(([name, value]) => `${name}: ${value}`).join(", ") : null;
}

/** One rule of the form. `errorAt(path)` is the error for a path inside this rule (e.g. "branches"). */
export function RuleFields({
  index,
  draft,
  onChange,
  onRemove,
  errorAt,
  ruleErrors,
  readOnly,
  readOnlyNoteId,
  defaults,
}: {
  index: number;
  draft: RuleDraft;
  onChange: (next: RuleDraft) => void;
  onRemove: () => void;
  errorAt: (path: string) => string | undefined;
  ruleErrors: string[];
  readOnly: boolean;
  /** The id of the note saying who may edit, when `readOnly`. */
  readOnlyNoteId?: string;
  defaults: ProjectBuildDefaults;
}) {
  const n = index + 1;
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => onChange({ ...draft, [key]: value });
  // What an empty release type means: a push build takes the project's default, a release build is `release`.
  const defaultReleaseType = draft.trigger === "push" ? defaults.releaseType : "release";
  const releaseTypeHint = draft.trigger === "push" ? `Default = the project's (${defaults.releaseType}).` : "Release builds default to release.";

  return (
    <fieldset
      disabled={readOnly}
      aria-describedby={readOnly ? readOnlyNoteId : undefined}
      className={`rounded-lg p-4 ring-1 ${ruleErrors.length ? "ring-danger-300" : "ring-neutral-200"} ${draft.enabled ? "bg-white" : "bg-neutral-50"}`}
    >
      <legend className="sr-only">Rule {n}</legend>
      <div className="flex flex-wrap items-center gap-3">
        <span aria-hidden className="text-sm font-semibold text-neutral-900">
          Rule {n}
        </span>
        <Badge tone={draft.trigger === "push" ? "info" : "neutral"}>{draft.trigger}</Badge>
        {!draft.enabled && <Badge tone="warning">disabled</Badge>}
        <label className="ml-auto flex items-center gap-2 text-sm text-neutral-700">
          <ActiveSwitch checked={draft.enabled} onChange={(v) => set("enabled", v)} label={`Rule ${n} enabled`} disabled={readOnly} />
          Enabled
        </label>
        <label className="flex items-center gap-2 text-sm text-neutral-700">
          Trigger
          <Select value={draft.trigger} onChange={(e) => set("trigger", e.target.value as RuleDraft["trigger"])}>
            <option value="push">GitHub push</option>
            <option value="release">GitHub release</option>
          </Select>
        </label>
        {!readOnly && (
          <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove rule ${n}`}>
            Remove
          </Button>
        )}
      </div>

      <div className="mt-4 space-y-4">
        {draft.trigger === "push" ? (
          <>
            <Field label="Branches" hint="Globs, separated by commas or new lines: main, release/*. Empty means every branch." error={errorAt("branches")}>
              {(p) => <Textarea {...p} rows={2} value={draft.branches} onChange={(e) => set("branches", e.target.value)} placeholder="main, release/*" />}
            </Field>
            <div className="grid gap-4 md:grid-cols-2">
              <Field label="Paths to include" hint="One glob per line. Empty means every file." error={errorAt("paths.include")}>
                {(p) => (
                  <Textarea {...p} rows={3} value={draft.include} onChange={(e) => set("include", e.target.value)} placeholder={"Source/**\nCMakeLists.txt"} className="font-mono" />
                )}
              </Field>
              <Field label="Paths to exclude" hint="One glob per line; wins over include." error={errorAt("paths.exclude")}>
                {(p) => (
                  <Textarea {...p} rows={3} value={draft.exclude} onChange={(e) => set("exclude", e.target.value)} placeholder={"docs/**\n*.md"} className="font-mono" />
                )}
              </Field>
            </div>
          </>
        ) : (
          <fieldset>
            <legend className="text-sm font-medium text-neutral-800">Release types</legend>
            <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
              {RELEASE_ACTIONS.map((action) => (
                <label key={action} className="flex items-center gap-2 text-sm text-neutral-700">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand-600"
                    checked={draft.releaseTypes.includes(action)}
                    onChange={(e) =>
                      set(
                        "releaseTypes",
                        RELEASE_ACTIONS.filter((a) => (a === action ? e.target.checked : draft.releaseTypes.includes(a))),
                      )
                    }
                  />
                  {action}
                </label>
              ))}
            </div>
            {errorAt("release_types") && (
              <p role="alert" className="mt-1 text-xs text-danger-600">
                {errorAt("release_types")}
              </p>
            )}
          </fieldset>
        )}

        <fieldset className="rounded-md bg-neutral-50 p-3 ring-1 ring-neutral-200">
          <legend className="px-1 text-xs font-semibold tracking-wide text-neutral-500 uppercase">Build config</legend>
          <div className="grid gap-4 md:grid-cols-3">
            <Field label="Platforms" hint={`Comma separated; empty = the project's (${listed(defaults.platforms)}).`} error={errorAt("build_config.platforms")}>
              {(p) => <Input {...p} value={draft.platforms} onChange={(e) => set("platforms", e.target.value)} placeholder="macos, windows" />}
            </Field>
            <Field label="Formats" hint={`Comma separated; empty = the project's (${listed(defaults.formats)}).`} error={errorAt("build_config.formats")}>
              {(p) => <Input {...p} value={draft.formats} onChange={(e) => set("formats", e.target.value)} placeholder="vst3, au" />}
            </Field>
            <Field label="Release type" hint={releaseTypeHint} error={errorAt("build_config.release_type")}>
              {(p) => (
                <Select {...p} value={draft.releaseType} onChange={(e) => set("releaseType", e.target.value)} options={BUILD_RELEASE_TYPES}>
                  <option value="">Default ({defaultReleaseType})</option>
                </Select>
              )}
            </Field>
          </div>
          <FlagRows
            draft={draft}
            ruleNumber={n}
            onChange={(flags) => set("flags", flags)}
            error={errorAt("build_config.flags")}
            readOnly={readOnly}
            projectFlags={flagsText(defaults.flags)}
          />
        </fieldset>

        {ruleErrors.length > 0 && (
          <ul role="alert" className="space-y-0.5 text-xs text-danger-600">
            {ruleErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </div>
    </fieldset>
  );
}

function FlagRows({
  draft,
  ruleNumber,
  onChange,
  error,
  readOnly,
  projectFlags,
}: {
  draft: RuleDraft;
  ruleNumber: number;
  onChange: (flags: RuleDraft["flags"]) => void;
  error?: string;
  readOnly: boolean;
  /** The project's default flags as text, or null when it has none. */
  projectFlags: string | null;
}) {
  return (
    <div className="mt-4">
      <p className="text-sm font-medium text-neutral-800">Flags</p>
      <p className="mt-1 text-xs text-neutral-500">
        {projectFlags ? (
          <>
            Added to the project&apos;s default flags (<span className="font-mono">{projectFlags}</span>); a flag set here wins.
          </>
        ) : (
          "Named booleans passed to the build, like enableActivationKeys. The project has no default flags."
        )}
      </p>
      {draft.flags.length > 0 && (
        <ul className="mt-2 space-y-2">
          {draft.flags.map((flag, i) => (
            <li key={flag.key} className="flex items-center gap-3">
              <Input
                aria-label={`Rule ${ruleNumber} flag ${i + 1} name`}
                aria-invalid={error ? true : undefined}
                value={flag.name}
                placeholder="enableActivationKeys"
                className="max-w-xs font-mono"
                onChange={(e) => onChange(draft.flags.map((f) => (f.key === flag.key ? { ...f, name: e.target.value } : f)))}
              />
              <label className="flex items-center gap-2 text-sm text-neutral-700">
                <input
                  type="checkbox"
                  className="size-4 accent-brand-600"
                  aria-label={`Rule ${ruleNumber} flag ${i + 1} value`}
                  checked={flag.value}
                  onChange={(e) => onChange(draft.flags.map((f) => (f.key === flag.key ? { ...f, value: e.target.checked } : f)))}
                />
                {flag.value ? "true" : "false"}
              </label>
              {!readOnly && (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove flag ${flag.name || i + 1}`}
                  onClick={() => onChange(draft.flags.filter((f) => f.key !== flag.key))}
                >
                  ✕
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="mt-1 text-xs text-danger-600">
          {error}
        </p>
      )}
      {!readOnly && (
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => onChange([...draft.flags, { key: draftKey(), name: "", value: true }])}>
          Add flag
        </Button>
      )}
    </div>
  );
}
