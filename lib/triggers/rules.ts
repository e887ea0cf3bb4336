// Trigger rules (docs/triggers.md#trigger-rules), in the JSON shape of the API: push rules (branch globs, path
// include/exclude globs) and release rules (release types), each with a build_config.
// Matching explains itself, so GitHub's "Recent deliveries" and the dashboard tester can
// show why a rule did or did not fire. Globs are compiled and matched by ./glob (no regular
// expressions, no backtracking), and every bound below keeps the work per push small: a
// pattern's length and wildcards, patterns per rule, files considered, and steps per push.
import { z } from "zod";
import { RELEASE_TYPES } from "@/lib/builds/schemas";
import { platformName } from "@/lib/projects/schemas";
import { compileGlob, matchGlob, matchPathGlob, MAX_GLOB_LENGTH, type CompiledGlob } from "./glob";

export const MAX_BRANCH_PATTERNS = 50;
/** For `paths.include` and `paths.exclude` each. */
export const MAX_PATH_PATTERNS = 100;
/** Changed files of one push that path filters look at; GitHub lists at most a few thousand. */
export const MAX_FILES_CHECKED = 3000;
// MAX_MATCH_STEPS: glob steps (see ./glob) one event may take over all its rules, each glob
// run also charged GLOB_RUN_COST for its fixed cost. That is about 0.1 s of CPU at most, and
// far more than ordinary rules need (3,000 files against ten patterns like "**" + "/x/" + "**"
// take under half of it). Rules not decided by then do not fire, and say so.
export const MAX_MATCH_STEPS = 20_000_000;
const GLOB_RUN_COST = 16;

/** A branch or path glob: bounded, and only the syntax ./glob supports (the message says why not). */
const checkedGlob = z
  .string()
  .trim()
  .min(1, "A pattern cannot be empty.")
  .max(MAX_GLOB_LENGTH, { error: (issue) => `A pattern has at most ${MAX_GLOB_LENGTH} characters; this one has ${String(issue.input).length}.` })
  .superRefine((pattern, ctx) => {
    if (pattern.length === 0 || pattern.length > MAX_GLOB_LENGTH) return; // said above
    const compiled = compileGlob(pattern);
    if (!compiled.ok) ctx.addIssue({ code: "custom", message: compiled.message });
  });

export const GITHUB_RELEASE_ACTIONS = ["published", "prereleased", "released", "created"] as const;

export const ruleBuildConfig = z.object({
  platforms: z.array(platformName).max(20).optional(),
  formats: z.array(platformName).max(20).optional(),
  release_type: z.enum(RELEASE_TYPES).optional(),
  flags: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "Flag names are identifiers like enableActivationKeys."), z.boolean()).optional(),
});

// Push rules as the API takes them (every glob checked), and as they were stored (any string:
// rules saved before a bound existed still load, and a glob that does not compile matches nothing).
const pushRuleWith = (glob: z.ZodType<string>) =>
  z.object({
    trigger: z.literal("push"),
    enabled: z.boolean().default(true),
    branches: z.array(glob).max(MAX_BRANCH_PATTERNS, `At most ${MAX_BRANCH_PATTERNS} branch patterns per rule.`).default([]),
    paths: z
      .object({
        include: z.array(glob).max(MAX_PATH_PATTERNS, `At most ${MAX_PATH_PATTERNS} include patterns per rule.`).default([]),
        exclude: z.array(glob).max(MAX_PATH_PATTERNS, `At most ${MAX_PATH_PATTERNS} exclude patterns per rule.`).default([]),
      })
      .default({ include: [], exclude: [] }),
    build_config: ruleBuildConfig.default({}),
  });

export const pushRule = pushRuleWith(checkedGlob);

export const releaseRule = z.object({
  trigger: z.literal("release"),
  enabled: z.boolean().default(true),
  release_types: z.array(z.enum(GITHUB_RELEASE_ACTIONS)).min(1, "Choose at least one release type.").default(["published"]),
  build_config: ruleBuildConfig.default({}),
});

export const triggerRule = z.discriminatedUnion("trigger", [pushRule, releaseRule]);
/** A rule as stored: loads whatever an earlier version accepted. */
export const storedTriggerRule = z.discriminatedUnion("trigger", [pushRuleWith(z.string()), releaseRule]);
export type TriggerRule = z.infer<typeof triggerRule>;
export type PushRule = z.infer<typeof pushRule>;
export type ReleaseRule = z.infer<typeof releaseRule>;

export const triggerRulesInput = z.object({ rules: z.array(triggerRule).max(50) });
/** The rules as stored and answered (see storedTriggerRule). */
export const triggerRulesResource = z.object({ rules: z.array(storedTriggerRule) });

export interface RuleMatch {
  index: number;
  matched: boolean;
  reason: string;
}

const globCache = new Map<string, CompiledGlob | null>();

/** A pattern compiled once; null when it is not a valid glob (rules that skipped validation): it matches nothing. */
function compiled(pattern: string): CompiledGlob | null {
  let glob = globCache.get(pattern);
  if (glob === undefined) {
    const result = compileGlob(pattern);
    glob = result.ok ? result.glob : null;
    if (globCache.size >= 5000) globCache.clear();
    globCache.set(pattern, glob);
  }
  return glob;
}

/** What is left of an event's MAX_MATCH_STEPS; shared by all the rules of one event. */
interface StepBudget {
  left: number;
}

class OutOfSteps extends Error {}

/**
 * Whether any pattern matches. For paths, a pattern without a slash also matches a file's base
 * name at any depth (`*.md`, `CMakeLists.txt`), as in .gitignore; branches match whole names only.
 */
function anyMatches(patterns: string[], name: string, kind: "branch" | "path", budget: StepBudget): boolean {
  for (const pattern of patterns) {
    const glob = compiled(pattern);
    if (glob === null) continue;
    if (budget.left <= 0) throw new OutOfSteps();
    const result = kind === "path" ? matchPathGlob(glob, name, budget.left) : matchGlob(glob, name, budget.left);
    budget.left -= result.steps + GLOB_RUN_COST;
    if (result.exhausted) throw new OutOfSteps();
    if (result.matched) return true;
  }
  return false;
}

export interface PushFacts {
  /** Branch name without refs/heads/. */
  branch: string;
  /** Every added, modified and removed file in the push's commits. */
  files: string[];
}

/**
 * Whether a push rule fires for this push, and why (or why not). Path filters look at the first
 * MAX_FILES_CHECKED changed files; `budget` is shared by the rules of one event (evaluateRules).
 */
export function matchPushRule(rule: PushRule, push: PushFacts, budget: StepBudget = { left: MAX_MATCH_STEPS }): { matched: boolean; reason: string } {
  if (!rule.enabled) return { matched: false, reason: "The rule is disabled." };
  try {
    return matchEnabledPushRule(rule, push, budget);
  } catch (error) {
    if (!(error instanceof OutOfSteps)) throw error;
    return {
      matched: false,
      reason: `Not evaluated: matching this push took more than ${MAX_MATCH_STEPS} glob steps (the limit per push). Use fewer or simpler patterns.`,
    };
  }
}

function matchEnabledPushRule(rule: PushRule, push: PushFacts, budget: StepBudget): { matched: boolean; reason: string } {
  if (rule.branches.length > 0 && !anyMatches(rule.branches, push.branch, "branch", budget)) {
    return { matched: false, reason: `Branch ${push.branch} matches none of ${rule.branches.join(", ")}.` };
  }
  const include = rule.paths.include;
  const exclude = rule.paths.exclude;
  if (include.length === 0 && exclude.length === 0) return { matched: true, reason: `Branch ${push.branch} matches; no path filters.` };
  const files = push.files.length > MAX_FILES_CHECKED ? push.files.slice(0, MAX_FILES_CHECKED) : push.files;
  const truncated = files.length < push.files.length ? ` (only the first ${MAX_FILES_CHECKED} of the push's ${push.files.length} changed files are checked)` : "";
  const hit = files.find((f) => (include.length === 0 || anyMatches(include, f, "path", budget)) && !anyMatches(exclude, f, "path", budget));
  if (hit) return { matched: true, reason: `Branch ${push.branch} matches and ${hit} changed${truncated}.` };
  if (push.files.length === 0) return { matched: false, reason: "The push changed no files." };
  return { matched: false, reason: `None of the ${push.files.length} changed file(s) is included and not excluded${truncated}.` };
}

export function matchReleaseRule(rule: ReleaseRule, action: string): { matched: boolean; reason: string } {
  if (!rule.enabled) return { matched: false, reason: "The rule is disabled." };
  return rule.release_types.includes(action as (typeof GITHUB_RELEASE_ACTIONS)[number])
    ? { matched: true, reason: `Release action ${action} is one of ${rule.release_types.join(", ")}.` }
    : { matched: false, reason: `Release action ${action} is not one of ${rule.release_types.join(", ")}.` };
}

/** Evaluates every rule of a kind against an event; non-matching kinds are skipped. All rules share one MAX_MATCH_STEPS. */
export function evaluateRules(rules: TriggerRule[], event: { kind: "push"; push: PushFacts } | { kind: "release"; action: string }): RuleMatch[] {
  const budget: StepBudget = { left: MAX_MATCH_STEPS };
  return rules.flatMap((rule, index) => {
    if (rule.trigger !== event.kind) return [];
    const result =
      rule.trigger === "push" ? matchPushRule(rule, (event as { push: PushFacts }).push, budget) : matchReleaseRule(rule, (event as { action: string }).action);
    return [{ index, ...result }];
  });
}
