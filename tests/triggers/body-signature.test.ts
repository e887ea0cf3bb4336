// Body-only trigger signatures (docs/triggers.md#body-signatures): off by default; a project
// that turns on trigger_body_signature accepts X-Signature: sha256=HMAC(secret, body) without
// X-Timestamp, each signature once while it is remembered (10 minutes). Changing the setting
// needs secrets:manage, like revealing the secret.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projectRoute from "@/app/api/v1/projects/[projectId]/route";
import * as triggerRoute from "@/app/api/v1/projects/[projectId]/trigger/route";
import * as secretRoute from "@/app/api/v1/projects/[projectId]/trigger-secret/route";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { createProject, updateProject } from "@/lib/projects";
import { defaultRateLimitStore } from "@/lib/rate-limit";
import { handleManualTrigger, triggerBodySignature, triggerSignature } from "@/lib/triggers";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

let opened: OpenedDatabase;
let orgId: string;
let admin: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createOrgWithUser(opened.db)).org.id;
  admin = await createKey(opened.db, orgId, ["admin"]);
});
afterAll(() => opened?.close());

async function newProject(name: string, { bodySignature = false } = {}) {
  const project = await createProject(opened.db, orgId, { name, default_branch: "main", default_platforms: ["macos"], default_formats: [] }, systemActor);
  if (bodySignature) await expectJson(await patch(project.id, { trigger_body_signature: true }, admin), 200);
  const { secret } = await expectJson<{ secret: string }>(await callRoute(secretRoute.GET, { url: "/x", key: admin, params: { projectId: project.id } }), 200);
  return { id: project.id, secret };
}

const patch = (projectId: string, body: unknown, key: string) =>
  callRoute(projectRoute.PATCH, { method: "PATCH", url: `/api/v1/projects/${projectId}`, key, body: JSON.stringify(body), headers: { "content-type": "application/json" }, params: { projectId } });

const trigger = (projectId: string, raw: string, headers: Record<string, string>) =>
  callRoute(triggerRoute.POST, { url: `/api/v1/projects/${projectId}/trigger`, body: raw, headers: { "content-type": "application/json", ...headers }, params: { projectId } });

const raw = JSON.stringify({ ref: "refs/heads/main", commit_sha: "abc1234def", platforms: ["macos"] });
const builds = (projectId: string) => opened.db.build.count({ where: { projectId } });

describe("body-only trigger signatures", () => {
  it("are refused by default, with a message naming the setting", async () => {
    const p = await newProject("Body Off");
    const res = await trigger(p.id, raw, { "x-signature": triggerBodySignature(p.secret, raw) });
    expect((await expectProblem(res, 401)).detail).toContain("trigger_body_signature");
    const project = await expectJson<{ trigger_body_signature: boolean }>(await callRoute(projectRoute.GET, { url: "/x", key: admin, params: { projectId: p.id } }), 200);
    expect(project.trigger_body_signature).toBe(false);
    expect(await builds(p.id)).toBe(0);
  });

  it("queue a build once turned on; the same signature again is refused (409) and another body queues", async () => {
    const p = await newProject("Body On", { bodySignature: true });
    const first = await trigger(p.id, raw, { "x-signature": triggerBodySignature(p.secret, raw) });
    expect(await expectJson<{ status: string }>(first, 202)).toMatchObject({ status: "queued" });

    const again = await expectProblem(await trigger(p.id, raw, { "x-signature": triggerBodySignature(p.secret, raw) }), 409);
    expect(again.detail).toContain("signed over its body alone");
    expect(again.detail).toContain("X-Timestamp");

    const other = raw.replace("abc1234def", "fed4321cba");
    expect((await trigger(p.id, other, { "x-signature": triggerBodySignature(p.secret, other) })).status).toBe(202);
    expect(await builds(p.id)).toBe(2);
  });

  it("still refuse a wrong signature, and timestamped signatures and X-Webhook-Secret keep working", async () => {
    const p = await newProject("Body Wrong", { bodySignature: true });
    const tampered = await expectProblem(await trigger(p.id, raw.replace("macos", "windows"), { "x-signature": triggerBodySignature(p.secret, raw) }), 401);
    expect(tampered.detail).toContain("without X-Timestamp, sign the raw body");
    // A body signature sent with a timestamp is checked as a timestamped one (and fails).
    const ts = Math.floor(Date.now() / 1000);
    expect((await trigger(p.id, raw, { "x-signature": triggerBodySignature(p.secret, raw), "x-timestamp": String(ts) })).status).toBe(401);
    expect((await trigger(p.id, raw, { "x-signature": triggerSignature(p.secret, ts, raw), "x-timestamp": String(ts) })).status).toBe(202);
    expect((await trigger(p.id, raw, { "x-webhook-secret": p.secret })).status).toBe(202);
    expect(await builds(p.id)).toBe(2);
  });

  it("queue one build for the same body-signed request sent 8 times at once", async () => {
    const p = await newProject("Body Race", { bodySignature: true });
    const headers = { "x-signature": triggerBodySignature(p.secret, raw) };
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => trigger(p.id, raw, headers)))).map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409, 409, 409, 409, 409, 409, 409]);
    expect(await builds(p.id)).toBe(1);
  });

  it("are accepted again once the 10-minute memory has passed: the cost the setting documents", async () => {
    const p = await newProject("Body Forgotten", { bodySignature: true });
    const store = defaultRateLimitStore(opened.db);
    const t0 = new Date();
    const send = (minutes: number) =>
      handleManualTrigger(opened.db, store, p.id, { headers: new Headers({ "x-signature": triggerBodySignature(p.secret, raw) }), rawBody: raw }, new Date(t0.getTime() + minutes * 60_000));
    expect((await send(0)).replayed).toBe(false);
    await expect(send(9)).rejects.toThrow(/Replay refused/);
    expect((await send(11)).replayed).toBe(false);
    expect(await builds(p.id)).toBe(2);
  });

  it("can be turned on only by those who manage the project's secrets, and the change is audited", async () => {
    const p = await newProject("Body Who");
    const writer = await createKey(opened.db, orgId, ["projects:write"]);
    const refused = await expectProblem(await patch(p.id, { trigger_body_signature: true }, writer), 403);
    expect(refused.detail).toContain("needs the `admin` scope");
    // Other fields still change with projects:write alone.
    expect((await patch(p.id, { description: "Pads" }, writer)).status).toBe(200);
    // A developer in the dashboard is refused the same way.
    await expect(updateProject(opened.db, orgId, p.id, { trigger_body_signature: true }, systemActor, { kind: "role", role: "developer" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await opened.db.project.findUniqueOrThrow({ where: { id: p.id } })).triggerBodySignature).toBe(false);

    const on = await expectJson<{ trigger_body_signature: boolean }>(await patch(p.id, { trigger_body_signature: true }, admin), 200);
    expect(on.trigger_body_signature).toBe(true);
    const audit = await opened.db.auditLog.findFirst({ where: { organizationId: orgId, action: "project.updated", targetId: p.id }, orderBy: { createdAt: "desc" } });
    expect(audit?.metadata).toMatchObject({ fields: ["trigger_body_signature"] });
  });

  it("refuses a value that is not true or false, naming the field", async () => {
    const p = await newProject("Body Invalid");
    const problem = await expectProblem(await patch(p.id, { trigger_body_signature: "yes" }, admin), 422);
    expect(JSON.stringify(problem)).toContain("trigger_body_signature");
  });
});
