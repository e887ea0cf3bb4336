import { describe, expect, it } from "vitest";
import { evaluateRules, matchPushRule, pushRule, triggerRulesInput } from "./rules";

const exampleRule = pushRule.parse({
  trigger: "push",
  enabled: true,
  branches: ["main", "release/*"],
  paths: { include: ["Source/**", "CMakeLists.txt"], exclude: ["docs/**", "*.md"] },
  build_config: { platforms: ["macos", "windows"], formats: ["vst3", "au"], release_type: "dev" },
});

describe("push rules", () => {
  it("fire when the branch matches and one changed file is included and not excluded", () => {
    expect(matchPushRule(exampleRule, { branch: "main", files: ["docs/intro.md", "Source/PluginProcessor.cpp"] })).toEqual({
      matched: true,
      reason: "Branch main matches and Source/PluginProcessor.cpp changed.",
    });
    expect(matchPushRule(exampleRule, { branch: "release/1.2", files: ["CMakeLists.txt"] }).matched).toBe(true);
  });

  it("do not fire for other branches, or when every changed file is excluded or not included", () => {
    expect(matchPushRule(exampleRule, { branch: "feature/x", files: ["Source/a.cpp"] }).reason).toBe(
      "Branch feature/x matches none of main, release/*.",
    );
    expect(matchPushRule(exampleRule, { branch: "main", files: ["README.md", "Source/notes.md", "docs/a.txt"] }).matched).toBe(false);
    expect(matchPushRule(exampleRule, { branch: "main", files: ["assets/logo.png"] }).reason).toContain("None of the 1 changed file(s)");
    expect(matchPushRule(exampleRule, { branch: "release/1.2/hotfix", files: ["Source/a.cpp"] }).matched).toBe(false);
    expect(matchPushRule(exampleRule, { branch: "feature/main", files: ["Source/a.cpp"] }).matched).toBe(false);
  });

  it("include everything when there is no include list; honour excludes", () => {
    const rule = pushRule.parse({ trigger: "push", branches: ["main"], paths: { exclude: ["*.md"] } });
    expect(matchPushRule(rule, { branch: "main", files: ["anything/at/all.txt"] }).matched).toBe(true);
    expect(matchPushRule(rule, { branch: "main", files: ["deep/README.md"] }).matched).toBe(false);
  });

  it("match every branch when no branches are listed, and never fire when disabled", () => {
    const any = pushRule.parse({ trigger: "push" });
    expect(matchPushRule(any, { branch: "whatever", files: [] }).matched).toBe(true);
    expect(matchPushRule({ ...any, enabled: false }, { branch: "main", files: ["a"] })).toEqual({ matched: false, reason: "The rule is disabled." });
  });
});

describe("rule sets", () => {
  it("parse the JSON shape of the API with defaults and explain invalid rules by field", () => {
    const parsed = triggerRulesInput.parse({ rules: [{ trigger: "release", release_types: ["published"], build_config: { release_type: "release" } }] });
    expect(parsed.rules[0]).toMatchObject({ trigger: "release", enabled: true, release_types: ["published"] });
    const bad = triggerRulesInput.safeParse({ rules: [{ trigger: "push", build_config: { release_type: "huge" } }, { trigger: "tag" }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["rules.0.build_config.release_type", "rules.1.trigger"]);
  });

  it("evaluate only the rules of the event's kind", () => {
    const rules = triggerRulesInput.parse({
      rules: [
        { trigger: "push", branches: ["main"] },
        { trigger: "release", release_types: ["published", "prereleased"] },
      ],
    }).rules;
    expect(evaluateRules(rules, { kind: "release", action: "prereleased" })).toEqual([
      { index: 1, matched: true, reason: "Release action prereleased is one of published, prereleased." },
    ]);
    expect(evaluateRules(rules, { kind: "push", push: { branch: "dev", files: [] } })).toEqual([
      { index: 0, matched: false, reason: "Branch dev matches none of main." },
    ]);
  });
});
