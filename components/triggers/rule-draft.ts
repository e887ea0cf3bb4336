// The rule editor's form state: every field as the user types it (lists as text), and the
// conversions to and from the seed-shaped rule JSON that lib/triggers validates.
import type { TriggerRule } from "@/lib/triggers/rules";

export const RELEASE_ACTIONS = ["published", "prereleased", "released", "created"] as const;
export const BUILD_RELEASE_TYPES = ["dev", "patch", "minor", "major", "release"] as const;

export interface FlagDraft {
  key: string;
  name: string;
  value: boolean;
}

export interface RuleDraft {
  /** Stable React key; never sent. */
  key: string;
  trigger: "push" | "release";
  enabled: boolean;
  branches: string;
  include: string;
  exclude: string;
  releaseTypes: string[];
  platforms: string;
  formats: string;
  releaseType: string;
  flags: FlagDraft[];
}

let counter = 0;
export function draftKey() {
  counter += 1;
  return `d${counter}`;
}

/** Splits a list typed with commas and/or newlines, dropping blanks. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Splits one entry per line (globs may legitimately contain commas: `{a,b}`). */
export function splitLines(text: string): string[] {
  return text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function newDraft(trigger: "push" | "release", defaultBranch = "main"): RuleDraft {
  return {
    key: draftKey(),
    trigger,
    enabled: true,
    branches: trigger === "push" ? defaultBranch : "",
    include: "",
    exclude: "",
    releaseTypes: ["published"],
    platforms: "",
    formats: "",
    releaseType: trigger === "push" ? "dev" : "release",
    flags: [],
  };
}

export function toDraft(rule: TriggerRule): RuleDraft {
  const config = rule.build_config ?? {};
  return {
    key: draftKey(),
    trigger: rule.trigger,
    enabled: rule.enabled,
    branches: rule.trigger === "push" ? rule.branches.join(", ") : "",
    include: rule.trigger === "push" ? rule.paths.include.join("\n") : "",
    exclude: rule.trigger === "push" ? rule.paths.exclude.join("\n") : "",
    releaseTypes: rule.trigger === "release" ? [...rule.release_types] : ["published"],
    platforms: (config.platforms ?? []).join(", "),
    formats: (config.formats ?? []).join(", "),
    releaseType: config.release_type ?? "",
    flags: Object.entries(config.flags ?? {}).map(([name, value]) => ({ key: draftKey(), name, value })),
  };
}

/** The rule as the API takes it; unset build_config fields are left out, as in the seed. */
export function fromDraft(draft: RuleDraft): Record<string, unknown> {
  const build_config: Record<string, unknown> = {};
  const platforms = splitList(draft.platforms);
  const formats = splitList(draft.formats);
  if (platforms.length) build_config.platforms = platforms;
  if (formats.length) build_config.formats = formats;
  if (draft.releaseType) build_config.release_type = draft.releaseType;
  const named = draft.flags.filter((f) => f.name.trim());
  if (named.length) build_config.flags = Object.fromEntries(named.map((f) => [f.name.trim(), f.value]));

  if (draft.trigger === "release") {
    return { trigger: "release", enabled: draft.enabled, release_types: draft.releaseTypes, build_config };
  }
  return {
    trigger: "push",
    enabled: draft.enabled,
    branches: splitList(draft.branches),
    paths: { include: splitLines(draft.include), exclude: splitLines(draft.exclude) },
    build_config,
  };
}

export function rulesDocument(drafts: RuleDraft[]) {
  return { rules: drafts.map(fromDraft) };
}
