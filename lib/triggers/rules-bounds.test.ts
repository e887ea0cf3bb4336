// The bounds of trigger rules (docs/triggers.md#trigger-rules): what the schemas refuse, with
// which field path and message, and what matching does at its limits.
import { describe, expect, it } from "vitest";
import { MAX_GLOB_WILDCARDS } from "./glob";
import { evaluateRules, matchPushRule, MAX_FILES_CHECKED, MAX_MATCH_STEPS, pushRule, triggerRulesInput } from "./rules";

const issuesOf = (input: unknown) => {
  const parsed = triggerRulesInput.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.error!.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
};

/** A valid pattern with the most wildcards allowed, 255 characters long, that a 255-character branch of a's cannot match. */
const maximal = `${"*a".repeat(MAX_GLOB_WILDCARDS - 1)}${"a".repeat(255 - 2 * (MAX_GLOB_WILDCARDS - 1) - 2)}c*`;

describe("trigger rule patterns are bounded and refused with a field error saying why", () => {
  it("names the pattern's path and the reason", () => {
    const issues = issuesOf({
      rules: [
        { trigger: "release" },
        {
          trigger: "push",
          branches: ["main", "release/*", "release/@(a|b)", "*a".repeat(MAX_GLOB_WILDCARDS + 1), "x".repeat(256), "!main"],
          paths: { include: ["Source/**", "*.{cpp,h}"], exclude: ["[[:space:]]*", ""] },
        },
      ],
    });
    expect(issues).toEqual([
      { field: "rules.1.branches.2", message: expect.stringMatching(/^"release\/@\(a\|b\)": extglobs like @\(…\) are not supported\. Allowed: /) },
      { field: "rules.1.branches.3", message: expect.stringContaining("it has 17 wildcards; at most 16 are allowed (each *, **, ? and [...] counts once).") },
      { field: "rules.1.branches.4", message: "A pattern has at most 255 characters; this one has 256." },
      { field: "rules.1.branches.5", message: expect.stringContaining('"!main": a leading ! (negation) is not supported.') },
      { field: "rules.1.paths.include.1", message: expect.stringContaining("braces {a,b} are not supported: write one pattern per alternative") },
      { field: "rules.1.paths.exclude.0", message: expect.stringContaining("POSIX classes like [[:alpha:]]") },
      { field: "rules.1.paths.exclude.1", message: "A pattern cannot be empty." },
    ]);
  });

  it("accepts the largest valid patterns, trimmed", () => {
    const rule = pushRule.parse({ trigger: "push", branches: [` ${maximal} `], paths: { include: ["**/".repeat(MAX_GLOB_WILDCARDS - 1) + "*.md"] } });
    expect(rule.branches).toEqual([maximal]);
    expect(maximal.length).toBe(255);
  });

  it("bounds the number of patterns per rule", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `b${i}`);
    expect(pushRule.safeParse({ trigger: "push", branches: many(50), paths: { include: many(100), exclude: many(100) } }).success).toBe(true);
    expect(issuesOf({ rules: [{ trigger: "push", branches: many(51), paths: { include: many(101), exclude: many(101) } }] })).toEqual([
      { field: "rules.0.branches", message: "At most 50 branch patterns per rule." },
      { field: "rules.0.paths.include", message: "At most 100 include patterns per rule." },
      { field: "rules.0.paths.exclude", message: "At most 100 exclude patterns per rule." },
    ]);
  });
});

describe("matching at its limits", () => {
  it(`looks at the first ${MAX_FILES_CHECKED} changed files and says so`, () => {
    const rule = pushRule.parse({ trigger: "push", paths: { include: ["Source/**"] } });
    const docs = Array.from({ length: MAX_FILES_CHECKED }, (_, i) => `docs/page-${i}.md`);
    expect(matchPushRule(rule, { branch: "main", files: [...docs, "Source/late.cpp"] })).toEqual({
      matched: false,
      reason: `None of the ${MAX_FILES_CHECKED + 1} changed file(s) is included and not excluded (only the first ${MAX_FILES_CHECKED} of the push's ${MAX_FILES_CHECKED + 1} changed files are checked).`,
    });
    expect(matchPushRule(rule, { branch: "main", files: ["Source/early.cpp", ...docs] })).toEqual({
      matched: true,
      reason: `Branch main matches and Source/early.cpp changed (only the first ${MAX_FILES_CHECKED} of the push's ${MAX_FILES_CHECKED + 1} changed files are checked).`,
    });
    expect(matchPushRule(rule, { branch: "main", files: docs.slice(1).concat("Source/last.cpp") }).reason).toBe("Branch main matches and Source/last.cpp changed.");
  });

  it("answers a 255-character branch against the most wildcards allowed", () => {
    const rule = pushRule.parse({ trigger: "push", branches: [maximal] });
    const branch = "a".repeat(255);
    expect(matchPushRule(rule, { branch, files: [] })).toEqual({ matched: false, reason: `Branch ${branch} matches none of ${maximal}.` });
    const near = `${"a".repeat(253)}c${"a"}`;
    expect(matchPushRule(rule, { branch: near, files: [] }).matched).toBe(true);
  });

  it(`stops an event at ${MAX_MATCH_STEPS} steps: the rules not decided by then do not fire, and say so`, () => {
    // 50 rules × 100 maximal patterns × 3,000 files of 255 a's would be about 10^12 steps.
    const paths = Array.from({ length: 100 }, (_, k) => `${maximal.slice(0, 250)}${String(k).padStart(3, "0")}c*`);
    const heavy = { trigger: "push" as const, paths: { include: paths } };
    const rules = triggerRulesInput.parse({ rules: [...Array.from({ length: 49 }, () => heavy), { trigger: "push", branches: ["main"] }] }).rules;
    const results = evaluateRules(rules, { kind: "push", push: { branch: "main", files: Array.from({ length: MAX_FILES_CHECKED }, (_, i) => `${"a".repeat(250)}${i}`) } });
    expect(results).toHaveLength(50);
    const notEvaluated = `Not evaluated: matching this push took more than ${MAX_MATCH_STEPS} glob steps (the limit per push). Use fewer or simpler patterns.`;
    expect(results[0]).toEqual({ index: 0, matched: false, reason: notEvaluated });
    expect(results.every((r) => r.reason === notEvaluated || r.index === 49)).toBe(true);
    // A rule that needs no glob at all is still decided; one with a pattern is not.
    expect(results[49]).toEqual({ index: 49, matched: false, reason: notEvaluated });
    // Each rule evaluated alone (as the Triggers tab's tester does) gets the whole budget again.
    expect(evaluateRules([rules[49]], { kind: "push", push: { branch: "main", files: [] } })).toEqual([
      { index: 0, matched: true, reason: "Branch main matches; no path filters." },
    ]);
  });
});
