"use client";

import { useId, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Field, Input, Textarea } from "@/components/ui/field";
import { SectionCard } from "@/components/ui/section-card";
import { evaluateRules, type TriggerRule } from "@/lib/triggers/rules";
import { splitLines } from "./rule-draft";

/** A rule of the editor at its position, or null when it does not validate yet. */
export type TestableRule = { index: number; rule: TriggerRule | null };

/** "Would this push trigger?": evaluates the editor's push rules against a branch and changed files. */
export function TriggerTester({ rules, defaultBranch }: { rules: TestableRule[] | null; defaultBranch: string }) {
  const [branch, setBranch] = useState(defaultBranch);
  const [files, setFiles] = useState("");
  const resultsId = useId();

  const results = useMemo(() => {
    if (!rules) return null;
    const push = { branch: branch.trim().replace(/^refs\/heads\//, ""), files: splitLines(files) };
    return rules
      .filter((r) => r.rule === null || r.rule.trigger === "push")
      .map(({ index, rule }) => {
        if (!rule) return { index, matched: null, reason: "This rule has errors; fix them to test it." };
        const [match] = evaluateRules([rule], { kind: "push", push });
        return { index, matched: match.matched, reason: match.reason };
      });
  }, [rules, branch, files]);

  const anyMatch = results?.some((r) => r.matched);

  return (
    <SectionCard
      id="trigger-tester"
      className="lg:sticky lg:top-4"
      title="Would this push trigger?"
      description="Tests the rules in the editor, including unsaved changes."
    >
      <div className="space-y-4">
        <Field label="Branch" hint="Without refs/heads/.">
          {(p) => <Input {...p} value={branch} onChange={(e) => setBranch(e.target.value)} placeholder="main" spellCheck={false} />}
        </Field>
        <Field label="Changed files" hint="One path per line, as in the push's commits.">
          {(p) => (
            <Textarea
              {...p}
              rows={4}
              value={files}
              onChange={(e) => setFiles(e.target.value)}
              placeholder={"Source/PluginProcessor.cpp\ndocs/README.md"}
              spellCheck={false}
              className="font-mono text-xs"
            />
          )}
        </Field>
        <div aria-live="polite">
          <h3 id={resultsId} className="text-xs font-semibold tracking-wide text-neutral-500 uppercase">
            Result{results && results.length > 0 && (anyMatch ? " · builds" : " · no build")}
          </h3>
          {results === null ? (
            <p className="mt-2 text-sm text-danger-700">The JSON cannot be read, so it cannot be tested.</p>
          ) : results.length === 0 ? (
            <p className="mt-2 text-sm text-neutral-500">No push rules to test. Add one in the editor.</p>
          ) : (
            <ul aria-labelledby={resultsId} className="mt-2 space-y-2">
              {results.map((r) => (
                <li key={r.index} className="rounded-md px-3 py-2 text-sm ring-1 ring-neutral-200">
                  <div className="flex items-center gap-2">
                    <span className="font-medium text-neutral-900">Rule {r.index + 1}</span>
                    {r.matched === null ? (
                      <Badge tone="warning">invalid</Badge>
                    ) : r.matched ? (
                      <Badge tone="success">✓ matched</Badge>
                    ) : (
                      <Badge tone="neutral">✗ not matched</Badge>
                    )}
                  </div>
                  <p className="mt-1 text-xs text-neutral-600">{r.reason}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </SectionCard>
  );
}
