// Trigger rules (docs/triggers.md#trigger-rules), in the JSON shape of the API: push rules (branch globs, path
// include/exclude globs) and release rules (release types), each with a build_config.
// Matching explains itself, so GitHub's "Recent deliveries" and the dashboard tester can
// show why a rule did or did not fire.
import picomatch from "picomatch";
import { z } from "zod";
import { RELEASE_TYPES } from "@/lib/builds/schemas";
import { platformName } from "@/lib/projects/schemas";

const glob = z.string().trim().min(1).max(200);

export const GITHUB_RELEASE_ACTIONS = ["published", "prereleased", "released", "created"] as const;

export const ruleBuildConfig = z.object({
  platforms: z.array(platformName).max(20).optional(),
  formats: z.array(platformName).max(20).optional(),
  release_type: z.enum(RELEASE_TYPES).optional(),
  flags: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "Flag names are identifiers like enableActivationKeys."), z.boolean()).optional(),
});

export const pushRule = z.object({
  trigger: z.literal("push"),
  enabled: z.boolean().default(true),
  branches: z.array(glob).max(50).default([]),
  paths: z
    .object({ include: z.array(glob).max(100).default([]), exclude: z.array(glob).max(100).default([]) })
    .default({ include: [], exclude: [] }),
  build_config: ruleBuildConfig.default({}),
});

export const releaseRule = z.object({
  trigger: z.literal("release"),
  enabled: z.boolean().default(true),
  release_types: z.array(z.enum(GITHUB_RELEASE_ACTIONS)).min(1, "Choose at least one release type.").default(["published"]),
  build_config: ruleBuildConfig.default({}),
});

export const triggerRule = z.discriminatedUnion("trigger", [pushRule, releaseRule]);
export type TriggerRule = z.infer<typeof triggerRule>;
export type PushRule = z.infer<typeof pushRule>;
export type ReleaseRule = z.infer<typeof releaseRule>;

export const triggerRulesInput = z.object({ rules: z.array(triggerRule).max(50) });

export interface RuleMatch {
  index: number;
  matched: boolean;
  reason: string;
}

const matcherCache = new Map<string, (s: string) => boolean>();

/**
 * A compiled glob set. For paths, a pattern without a slash also matches a file's base name
 * at any depth (`*.md`, `CMakeLists.txt`), as in .gitignore; branches match whole names only.
 */
function matcher(patterns: string[], kind: "branch" | "path") {
  const key = `${kind}\u0000${patterns.join("\u0000")}`;
  const cached = matcherCache.get(key);
  if (cached) return cached;
  const full = picomatch(patterns, { dot: true });
  const bare = kind === "path" ? patterns.filter((p) => !p.includes("/")) : [];
  const base = bare.length ? picomatch(bare, { dot: true, basename: true }) : null;
  const fn = (s: string) => full(s) || (base !== null && base(s));
  if (matcherCache.size > 1000) matcherCache.clear();
  matcherCache.set(key, fn);
  return fn;
}

export interface PushFacts {
  /** Branch name without refs/heads/. */
  branch: string;
  /** Every added, modified and removed file in the push's commits. */
  files: string[];
}

/** Whether a push rule fires for this push, and why (or why not). */
export function matchPushRule(rule: PushRule, push: PushFacts): { matched: boolean; reason: string } {
  if (!rule.enabled) return { matched: false, reason: "The rule is disabled." };
  if (rule.branches.length > 0 && !matcher(rule.branches, "branch")(push.branch)) {
    return { matched: false, reason: `Branch ${push.branch} matches none of ${rule.branches.join(", ")}.` };
  }
  const include = rule.paths.include;
  const exclude = rule.paths.exclude;
  if (include.length === 0 && exclude.length === 0) return { matched: true, reason: `Branch ${push.branch} matches; no path filters.` };
  const isIncluded = include.length ? matcher(include, "path") : () => true;
  const isExcluded = exclude.length ? matcher(exclude, "path") : () => false;
  const hit = push.files.find((f) => isIncluded(f) && !isExcluded(f));
  if (hit) return { matched: true, reason: `Branch ${push.branch} matches and ${hit} changed.` };
  if (push.files.length === 0) return { matched: false, reason: "The push changed no files." };
  return { matched: false, reason: `None of the ${push.files.length} changed file(s) is included and not excluded.` };
}

export function matchReleaseRule(rule: ReleaseRule, action: string): { matched: boolean; reason: string } {
  if (!rule.enabled) return { matched: false, reason: "The rule is disabled." };
  return rule.release_types.includes(action as (typeof GITHUB_RELEASE_ACTIONS)[number])
    ? { matched: true, reason: `Release action ${action} is one of ${rule.release_types.join(", ")}.` }
    : { matched: false, reason: `Release action ${action} is not one of ${rule.release_types.join(", ")}.` };
}

/** Evaluates every rule of a kind against an event; non-matching kinds are skipped. */
export function evaluateRules(rules: TriggerRule[], event: { kind: "push"; push: PushFacts } | { kind: "release"; action: string }): RuleMatch[] {
  return rules.flatMap((rule, index) => {
    if (rule.trigger !== event.kind) return [];
    const result = rule.trigger === "push" ? matchPushRule(rule, (event as { push: PushFacts }).push) : matchReleaseRule(rule, (event as { action: string }).action);
    return [{ index, ...result }];
  });
}
