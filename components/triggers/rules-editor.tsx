"use client";

import { useEffect, useMemo, useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { saveTriggerRulesAction } from "@/lib/actions/triggers";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { submitTo } from "@/components/ui/submit";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { SectionCard } from "@/components/ui/section-card";
import { triggerRule, triggerRulesInput, type TriggerRule } from "@/lib/triggers/rules";
import { issuesOf, type RuleIssue } from "./issues";
import { newDraft, rulesDocument, toDraft, type RuleDraft } from "./rule-draft";
import { RuleFields, type ProjectBuildDefaults } from "./rule-fields";
import { RulesJson } from "./rules-json";
import { Tabs } from "./tabs";
import { TriggerTester, type TestableRule } from "./trigger-tester";

type Mode = "form" | "json";
type TriggerRulesDocument = Omit<Parameters<typeof saveTriggerRulesAction>[1], "projectId">;

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const READ_ONLY_NOTE = "build-rules-permission";

/** The project's push and release rules, edited as a form or as the JSON of the API, with a live tester. */
export function RulesEditor({
  orgId,
  projectId,
  initialRules,
  canWrite,
  defaultBranch,
  buildDefaults,
}: {
  orgId: string;
  projectId: string;
  initialRules: TriggerRule[];
  canWrite: boolean;
  defaultBranch: string;
  /** The project's build config defaults, which fill what a rule leaves out. */
  buildDefaults: ProjectBuildDefaults;
}) {
  const [drafts, setDrafts] = useState<RuleDraft[]>(() => initialRules.map(toDraft));
  const [mode, setMode] = useState<Mode>("form");
  const [jsonText, setJsonText] = useState(() => pretty({ rules: initialRules }));
  const [issues, setIssues] = useState<RuleIssue[]>([]);
  const [baseline, setBaseline] = useState(() => pretty({ rules: initialRules }));
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const edit = (next: RuleDraft[]) => {
    setDrafts(next);
    setDirty(true);
  };

  /** The document being edited, or why it cannot be read. */
  const read = (): { ok: true; value: unknown } | { ok: false; issue: RuleIssue } => {
    if (mode === "form") return { ok: true, value: rulesDocument(drafts) };
    try {
      return { ok: true, value: JSON.parse(jsonText) };
    } catch (e) {
      return { ok: false, issue: { field: "(json)", message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` } };
    }
  };

  const save = useActionMutation((document: TriggerRulesDocument) => saveTriggerRulesAction(orgId, { projectId, ...document }), {
    onSuccess: (rules) => {
      const saved = pretty({ rules });
      setDrafts(rules.map(toDraft));
      setJsonText(saved);
      setBaseline(saved);
      setIssues([]);
      setDirty(false);
      toast.success(`Build rules saved (${rules.length} ${rules.length === 1 ? "rule" : "rules"}).`);
    },
    onError: (error) => {
      setIssues(error.fieldErrors.length ? error.fieldErrors : [{ field: "(rules)", message: error.message }]);
      toast.error(error.message);
    },
  });

  /** The edited document if it reads and validates; otherwise null, with its issues shown and a toast. */
  const validDocument = (unreadable: string, invalid: (count: number) => string) => {
    const doc = read();
    if (!doc.ok) {
      setIssues([doc.issue]);
      toast.error(unreadable);
      return null;
    }
    const checked = triggerRulesInput.safeParse(doc.value);
    if (!checked.success) {
      const found = issuesOf(checked.error);
      setIssues(found);
      toast.error(invalid(found.length));
      return null;
    }
    setIssues([]);
    return checked.data;
  };

  const onSave = () => {
    const valid = validDocument("The JSON cannot be read. Fix it, then save.", (n) => `Fix ${n === 1 ? "1 error" : `${n} errors`} before saving.`);
    if (valid) save.mutate(valid);
  };

  const switchTo = (next: Mode) => {
    if (next === mode) return;
    if (next === "json") {
      setJsonText(pretty(rulesDocument(drafts)));
      setMode("json");
      return;
    }
    const valid = validDocument("Fix the JSON before switching to the form.", () => "Fix the JSON errors before switching to the form.");
    if (!valid) return;
    setDrafts(valid.rules.map(toDraft));
    setMode("form");
  };

  const reset = () => {
    const rules = (JSON.parse(baseline) as { rules: TriggerRule[] }).rules;
    setDrafts(rules.map(toDraft));
    setJsonText(baseline);
    setIssues([]);
    setDirty(false);
  };

  const remove = (index: number) => {
    const before = drafts;
    edit(drafts.filter((_, i) => i !== index));
    setIssues([]);
    toast(`Rule ${index + 1} removed. Save to apply.`, { action: { label: "Undo", onClick: () => setDrafts(before) } });
  };

  // The tester evaluates what is on screen, saved or not; rules that do not validate are reported as such.
  const testable = useMemo<TestableRule[] | null>(() => {
    let rules: unknown[];
    if (mode === "form") rules = rulesDocument(drafts).rules;
    else {
      try {
        const parsed = JSON.parse(jsonText) as { rules?: unknown };
        if (!Array.isArray(parsed.rules)) return null;
        rules = parsed.rules;
      } catch {
        return null;
      }
    }
    return rules.map((raw, index) => {
      const parsed = triggerRule.safeParse(raw);
      return parsed.success ? { index, rule: parsed.data } : { index, rule: null };
    });
  }, [mode, drafts, jsonText]);

  const errorsOfRule = (i: number) => issues.filter((e) => e.field.startsWith(`rules.${i}.`) || e.field === `rules.${i}`);
  const errorAt = (i: number) => (path: string) => issues.find((e) => e.field === `rules.${i}.${path}` || e.field.startsWith(`rules.${i}.${path}.`))?.message;

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
      <SectionCard
        id="build-rules"
        title="Build rules"
        description="GitHub pushes and releases that match an enabled rule queue a build with the rule's build config."
        actions={<Tabs label="Rules editor" value={mode} onChange={switchTo} options={[{ value: "form", label: "Form" }, { value: "json", label: "JSON" }]} />}
      >
        <form onSubmit={submitTo(onSave)} className="space-y-4" aria-label="Build rules" noValidate>
          {!canWrite && <ReadOnlyNote id={READ_ONLY_NOTE}>Viewers can read the rules; developers, admins and owners can change them.</ReadOnlyNote>}
          {issues.length > 0 && (
            <div role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-800 ring-1 ring-danger-200">
              <p className="font-medium">The rules were not saved:</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 font-mono text-xs">
                {issues.map((e) => (
                  <li key={`${e.field}:${e.message}`}>
                    {e.field}: {e.message}
                  </li>
                ))}
              </ul>
            </div>
          )}

          <div role="tabpanel" id={`rules-editor-${mode}`} aria-labelledby={`rules-editor-tab-${mode}`}>
            {mode === "json" ? (
              <RulesJson value={jsonText} onChange={(v) => { setJsonText(v); setDirty(true); }} readOnly={!canWrite} readOnlyNoteId={READ_ONLY_NOTE} invalid={issues.length > 0} />
            ) : drafts.length === 0 ? (
              <EmptyState
                title="No build rules yet"
                description={
                  canWrite
                    ? "Pushes and releases arriving from GitHub build nothing until a rule matches. Add a push rule for your main branch to start."
                    : "Pushes and releases arriving from GitHub build nothing until a developer adds a rule."
                }
              />
            ) : (
              <div className="space-y-4">
                {drafts.map((d, i) => (
                  <RuleFields
                    key={d.key}
                    index={i}
                    draft={d}
                    readOnly={!canWrite}
                    readOnlyNoteId={READ_ONLY_NOTE}
                    defaults={buildDefaults}
                    onChange={(next) => edit(drafts.map((x) => (x.key === d.key ? next : x)))}
                    onRemove={() => remove(i)}
                    errorAt={errorAt(i)}
                    ruleErrors={errorsOfRule(i).map((e) => `${e.field}: ${e.message}`)}
                  />
                ))}
              </div>
            )}
          </div>

          {canWrite && (
            <div className="flex flex-wrap items-center gap-2 border-t border-neutral-100 pt-4">
              {mode === "form" && (
                <>
                  <Button variant="secondary" size="sm" onClick={() => edit([...drafts, newDraft("push", defaultBranch)])}>
                    Add push rule
                  </Button>
                  <Button variant="secondary" size="sm" onClick={() => edit([...drafts, newDraft("release")])}>
                    Add release rule
                  </Button>
                </>
              )}
              <span className="ml-auto text-xs text-neutral-500" aria-live="polite">
                {dirty ? "Unsaved changes" : "All changes saved"}
              </span>
              {dirty && (
                <Button variant="ghost" onClick={reset} disabled={save.isPending}>
                  Discard
                </Button>
              )}
              <Button type="submit" loading={save.isPending}>
                Save rules
              </Button>
            </div>
          )}
        </form>
      </SectionCard>
      <TriggerTester rules={testable} defaultBranch={defaultBranch} />
    </div>
  );
}
