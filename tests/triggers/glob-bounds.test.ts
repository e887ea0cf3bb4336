// Trigger rule globs at their bounds, through the real routes: the API refuses unsupported or
// unbounded patterns with field errors, and a signed GitHub push with a 255-character branch
// against a rule with the most wildcards allowed is answered normally (it once blocked the server).
import { sign } from "@octokit/webhooks-methods";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as githubRoute from "@/app/api/integrations/github/[projectId]/route";
import * as rulesRoute from "@/app/api/v1/projects/[projectId]/trigger-rules/route";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { createProject } from "@/lib/projects";
import { MAX_FILES_CHECKED, projectSecret } from "@/lib/triggers";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { pushPayload } from "./fixtures";

let opened: OpenedDatabase;
let projectId: string;
let secret: string;
let key: string;

/** 255 characters, 16 wildcards (the most allowed), arranged as regular expressions backtrack worst on. */
const MAXIMAL = `${"*a".repeat(15)}${"a".repeat(223)}c*`;

beforeAll(async () => {
  opened = await createTestDatabase();
  const { org } = await createOrgWithUser(opened.db);
  const project = await createProject(opened.db, org.id, { name: "Globs", default_branch: "main", default_platforms: ["linux"], default_formats: ["clap"] }, systemActor);
  projectId = project.id;
  secret = projectSecret(project, "github");
  key = await createKey(opened.db, org.id, ["builds:read", "webhooks:write"]);
});
afterAll(() => opened?.close());

const putRules = (body: unknown) => callRoute(rulesRoute.PUT, { method: "PUT", url: "/x", key, body, params: { projectId } });

async function deliverPush(payload: unknown) {
  const body = JSON.stringify(payload);
  const res = await callRoute(githubRoute.POST, {
    url: `/api/integrations/github/${projectId}`,
    body,
    headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": randomUUID(), "x-hub-signature-256": await sign(secret, body) },
    params: { projectId },
  });
  return expectJson<{ message: string; rules: { index: number; matched: boolean; reason: string }[]; builds: unknown[] }>(res, 200);
}

describe("trigger rule globs through the API", () => {
  it("refuses unsupported and unbounded patterns with one field error each, and stores nothing", async () => {
    const problem = await expectProblem(
      await putRules({
        rules: [
          {
            trigger: "push",
            branches: ["main", "feature/+(a|b)", `${MAXIMAL.slice(0, -3)}*c*`],
            paths: { include: ["{Source,Tests}/**", "x".repeat(300)], exclude: ["docs/[!a]*"] },
          },
        ],
      }),
      422,
    );
    expect(problem.errors).toEqual([
      { field: "rules.0.branches.1", code: "custom", message: expect.stringContaining('"feature/+(a|b)": extglobs like +(…) are not supported. Allowed:') },
      { field: "rules.0.branches.2", code: "custom", message: expect.stringContaining("it has 17 wildcards; at most 16 are allowed") },
      { field: "rules.0.paths.include.0", code: "custom", message: expect.stringContaining("braces {a,b} are not supported") },
      { field: "rules.0.paths.include.1", code: "too_big", message: "A pattern has at most 255 characters; this one has 300." },
      { field: "rules.0.paths.exclude.0", code: "custom", message: expect.stringContaining("negated classes are written [^…], not [!…]") },
    ]);
    const stored = await expectJson<{ rules: unknown[] }>(await callRoute(rulesRoute.GET, { url: "/x", key, params: { projectId } }), 200);
    expect(stored.rules).toEqual([]);
  });

  it("answers a signed push with a 255-character branch against the most wildcards allowed, normally", async () => {
    const saved = await expectJson<{ rules: { branches: string[] }[] }>(
      await putRules({
        rules: [
          { trigger: "push", branches: [MAXIMAL], build_config: { release_type: "dev" } },
          { trigger: "push", branches: ["**"], paths: { include: [MAXIMAL] } },
        ],
      }),
      200,
    );
    expect(saved.rules[0].branches).toEqual([MAXIMAL]);

    const branch = "a".repeat(255);
    const answer = await deliverPush(pushPayload({ ref: `refs/heads/${branch}`, commits: [{ modified: ["a".repeat(255), `src/${"a".repeat(251)}`] }] }));
    expect(answer).toMatchObject({ message: "No rule matched.", builds: [] });
    expect(answer.rules).toEqual([
      { index: 0, trigger: "push", matched: false, reason: `Branch ${branch} matches none of ${MAXIMAL}.` },
      { index: 1, trigger: "push", matched: false, reason: "None of the 2 changed file(s) is included and not excluded." },
    ]);

    // One character where the pattern wants it, and both rules fire.
    const near = `${"a".repeat(253)}ca`;
    const hit = await deliverPush(pushPayload({ ref: `refs/heads/${near}`, commits: [{ modified: [`docs/${near}`] }] }));
    expect(hit.rules.map((r) => r.matched)).toEqual([true, true]);
    expect(hit.builds).toHaveLength(2);
  });

  it(`checks the first ${MAX_FILES_CHECKED} changed files of a push and says so`, async () => {
    await expectJson(await putRules({ rules: [{ trigger: "push", branches: ["main"], paths: { include: ["Source/**"] } }] }), 200);
    const docs = Array.from({ length: MAX_FILES_CHECKED }, (_, i) => `docs/page-${i}.md`);
    const answer = await deliverPush(pushPayload({ commits: [{ modified: docs }, { modified: ["Source/Late.cpp"] }] }));
    expect(answer.rules).toEqual([
      {
        index: 0,
        trigger: "push",
        matched: false,
        reason: `None of the ${MAX_FILES_CHECKED + 1} changed file(s) is included and not excluded (only the first ${MAX_FILES_CHECKED} of the push's ${MAX_FILES_CHECKED + 1} changed files are checked).`,
      },
    ]);
  });

  it("still loads rules stored before a bound existed; a pattern that no longer compiles matches nothing", async () => {
    await expectJson(await putRules({ rules: [{ trigger: "push", branches: ["main"] }] }), 200);
    // As an earlier version could have stored it: braces and an extglob, refused today.
    await opened.db.triggerRule.updateMany({ where: { projectId }, data: { branches: ["{main,dev}", "+(main)", "main"] } });
    const stored = await expectJson<{ rules: { branches: string[] }[] }>(await callRoute(rulesRoute.GET, { url: "/x", key, params: { projectId } }), 200);
    expect(stored.rules[0].branches).toEqual(["{main,dev}", "+(main)", "main"]);
    const answer = await deliverPush(pushPayload({ commits: [{ modified: ["Source/a.cpp"] }] }));
    expect(answer.rules[0].matched).toBe(true);
    // Saving them again asks for the fix, field by field.
    const problem = await expectProblem(await putRules(stored), 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(["rules.0.branches.0", "rules.0.branches.1"]);
  });
});
