// POST /api/v1/projects/{id}/trigger: secret and HMAC auth, replay protection, validation,
// Idempotency-Key, and the shared 10-per-minute limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as triggerRoute from "@/app/api/v1/projects/[projectId]/trigger/route";
import * as secretRoute from "@/app/api/v1/projects/[projectId]/trigger-secret/route";
import * as rotateRoute from "@/app/api/v1/projects/[projectId]/trigger-secret/rotate/route";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { createProject } from "@/lib/projects";
import { defaultRateLimitStore } from "@/lib/rate-limit";
import { handleManualTrigger, triggerSignature } from "@/lib/triggers";
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

async function newProject(name: string) {
  const project = await createProject(opened.db, orgId, { name, default_branch: "main", default_platforms: ["macos", "windows"], default_formats: ["vst3"] }, systemActor);
  const res = await callRoute(secretRoute.GET, { url: "/x", key: admin, params: { projectId: project.id } });
  const { secret } = await expectJson<{ secret: string }>(res, 200);
  return { id: project.id, secret };
}

function trigger(projectId: string, body: unknown, headers: Record<string, string>) {
  return callRoute(triggerRoute.POST, {
    url: `/api/v1/projects/${projectId}/trigger`,
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
    params: { projectId },
  });
}

const now = () => Math.floor(Date.now() / 1000);
const BODY = { ref: "refs/heads/main", commit_sha: "abc1234def", platforms: ["macos"], formats: ["vst3", "au"], release_type: "patch", flags: { enableActivationKeys: true } };

describe("manual trigger", () => {
  it("queues a build with X-Webhook-Secret and answers 202 {build_id, status} with RateLimit headers", async () => {
    const p = await newProject("Secret Auth");
    const res = await trigger(p.id, BODY, { "x-webhook-secret": p.secret });
    const body = await expectJson<{ build_id: string; status: string }>(res, 202);
    expect(body).toEqual({ build_id: expect.stringMatching(/^bld_/), status: "queued" });
    expect(res.headers.get("ratelimit-limit")).toBe("10");
    expect(res.headers.get("ratelimit-remaining")).toBe("9");
    const build = await opened.db.build.findUniqueOrThrow({ where: { id: body.build_id } });
    expect(build).toMatchObject({ source: "api", branch: "main", commitSha: "abc1234def" });
    expect(build.buildConfig).toEqual({ platforms: ["macos"], formats: ["vst3", "au"], release_type: "patch", flags: { enableActivationKeys: true } });
  });

  it("accepts an HMAC signature over {timestamp}.{body} and refuses a replayed (old) timestamp", async () => {
    const p = await newProject("Hmac Auth");
    const raw = JSON.stringify(BODY);
    const ts = now();
    const ok = await trigger(p.id, raw, { "x-signature": triggerSignature(p.secret, ts, raw), "x-timestamp": String(ts) });
    expect(ok.status).toBe(202);
    const old = ts - 301;
    const replayed = await expectProblem(await trigger(p.id, raw, { "x-signature": triggerSignature(p.secret, old, raw), "x-timestamp": String(old) }), 401);
    expect(replayed.detail).toContain("replay protection");
    const tampered = await expectProblem(await trigger(p.id, raw.replace("patch", "major"), { "x-signature": triggerSignature(p.secret, ts, raw), "x-timestamp": String(ts) }), 401);
    expect(tampered.detail).toContain("X-Signature does not match");
  });

  it("refuses missing or wrong secrets with 401 and explains how to authenticate", async () => {
    const p = await newProject("Wrong Secret");
    expect((await expectProblem(await trigger(p.id, BODY, {}), 401)).detail).toContain("X-Webhook-Secret");
    expect((await expectProblem(await trigger(p.id, BODY, { "x-webhook-secret": "trg_nope" }), 401)).detail).toBe(
      "X-Webhook-Secret does not match this project's trigger secret.",
    );
  });

  it("validates the body field by field, with project defaults for what is left out", async () => {
    const p = await newProject("Validation");
    const bad = await expectProblem(await trigger(p.id, { release_type: "huge", platforms: ["Mac OS"] }, { "x-webhook-secret": p.secret }), 422);
    expect(bad.errors!.map((e) => e.field).sort()).toEqual(["platforms.0", "release_type"]);
    const empty = await expectJson<{ build_id: string }>(await trigger(p.id, "", { "x-webhook-secret": p.secret }), 202);
    const build = await opened.db.build.findUniqueOrThrow({ where: { id: empty.build_id } });
    expect(build.buildConfig).toMatchObject({ platforms: ["macos", "windows"], formats: ["vst3"], release_type: "dev" });
  });

  it("returns the same build for a repeated Idempotency-Key", async () => {
    const p = await newProject("Idempotent");
    const headers = { "x-webhook-secret": p.secret, "idempotency-key": "ci-run-4242" };
    const first = await expectJson<{ build_id: string }>(await trigger(p.id, BODY, headers), 202);
    const again = await trigger(p.id, BODY, headers);
    expect(await expectJson(again, 202)).toEqual({ build_id: first.build_id, status: "queued" });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await opened.db.build.count({ where: { projectId: p.id } })).toBe(1);
  });

  it("answers the 11th trigger in a minute with 429, Retry-After and RateLimit headers", async () => {
    const p = await newProject("Rate Limited");
    for (let i = 0; i < 10; i++) expect((await trigger(p.id, BODY, { "x-webhook-secret": p.secret })).status).toBe(202);
    const limited = await trigger(p.id, BODY, { "x-webhook-secret": p.secret });
    const problem = await expectProblem(limited, 429);
    expect(problem.detail).toContain("at most 10 triggers per minute");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(await opened.db.build.count({ where: { projectId: p.id } })).toBe(10);
  });

  it("rotates the trigger secret: the old one stops working at once", async () => {
    const p = await newProject("Rotated");
    const { secret } = await expectJson<{ secret: string }>(await callRoute(rotateRoute.POST, { method: "POST", url: "/x", key: admin, params: { projectId: p.id } }), 200);
    expect(secret).not.toBe(p.secret);
    await expectProblem(await trigger(p.id, BODY, { "x-webhook-secret": p.secret }), 401);
    expect((await trigger(p.id, BODY, { "x-webhook-secret": secret })).status).toBe(202);
  });

  it("keeps project secrets from keys without admin and from other organizations", async () => {
    const p = await newProject("Guarded");
    const reader = await createKey(opened.db, orgId, ["builds:read", "builds:write"]);
    await expectProblem(await callRoute(secretRoute.GET, { url: "/x", key: reader, params: { projectId: p.id } }), 403);
    const other = await createKey(opened.db, (await createOrgWithUser(opened.db)).org.id, ["admin"]);
    await expectProblem(await callRoute(secretRoute.GET, { url: "/x", key: other, params: { projectId: p.id } }), 404);
  });
});

describe("manual trigger: a signed request sent again", () => {
  const raw = JSON.stringify(BODY);
  const signed = (secret: string, ts: number, extra: Record<string, string> = {}) => ({
    "x-signature": triggerSignature(secret, ts, raw),
    "x-timestamp": String(ts),
    ...extra,
  });
  const builds = (projectId: string) => opened.db.build.count({ where: { projectId } });

  it("refuses the same signed request twice with 409, saying it was a replay and how to send a new one", async () => {
    const p = await newProject("Replay Refused");
    const headers = signed(p.secret, now());
    expect((await trigger(p.id, raw, headers)).status).toBe(202);
    const again = await expectProblem(await trigger(p.id, raw, headers), 409);
    expect(again.code).toBe("conflict");
    expect(again.detail).toContain("Replay refused");
    expect(again.detail).toContain("signed with the current time in X-Timestamp");
    expect(await builds(p.id)).toBe(1);
  });

  it("answers the original build when the same signed request carries the original Idempotency-Key, and refuses it without", async () => {
    const p = await newProject("Replay Idempotent");
    const headers = signed(p.secret, now(), { "idempotency-key": "ci-run-7" });
    const first = await expectJson<{ build_id: string }>(await trigger(p.id, raw, headers), 202);
    const again = await trigger(p.id, raw, headers);
    expect(await expectJson(again, 202)).toEqual({ build_id: first.build_id, status: "queued" });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    await expectProblem(await trigger(p.id, raw, { "x-signature": headers["x-signature"], "x-timestamp": headers["x-timestamp"] }), 409);
    await expectProblem(await trigger(p.id, raw, { ...headers, "idempotency-key": "ci-run-8" }), 409);
    expect(await builds(p.id)).toBe(1);
  });

  it("remembers a new signature answered by an Idempotency-Key, so it cannot queue without the key", async () => {
    const p = await newProject("Replay Keyed Retry");
    const ts = now();
    const first = await expectJson<{ build_id: string }>(await trigger(p.id, raw, signed(p.secret, ts, { "idempotency-key": "ci-run-9" })), 202);
    const retry = signed(p.secret, ts - 1, { "idempotency-key": "ci-run-9" });
    expect(await expectJson(await trigger(p.id, raw, retry), 202)).toEqual({ build_id: first.build_id, status: "queued" });
    await expectProblem(await trigger(p.id, raw, { "x-signature": retry["x-signature"], "x-timestamp": retry["x-timestamp"] }), 409);
    expect(await builds(p.id)).toBe(1);
  });

  it("accepts the same body signed with a fresh timestamp", async () => {
    const p = await newProject("Replay Fresh");
    const ts = now();
    const first = await expectJson<{ build_id: string }>(await trigger(p.id, raw, signed(p.secret, ts)), 202);
    const fresh = await expectJson<{ build_id: string }>(await trigger(p.id, raw, signed(p.secret, ts + 1)), 202);
    expect(fresh.build_id).not.toBe(first.build_id);
    expect(await builds(p.id)).toBe(2);
  });

  it("queues one build for two identical signed requests at once; the other is refused", async () => {
    const p = await newProject("Replay Race");
    const headers = signed(p.secret, now());
    const statuses = (await Promise.all([trigger(p.id, raw, headers), trigger(p.id, raw, headers)])).map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409]);
    expect(await builds(p.id)).toBe(1);
  });

  it("has no replay protection with X-Webhook-Secret: the same request queues again", async () => {
    const p = await newProject("Replay Shared Secret");
    for (let i = 0; i < 2; i++) expect((await trigger(p.id, raw, { "x-webhook-secret": p.secret })).status).toBe(202);
    expect(await builds(p.id)).toBe(2);
  });

  it("forgets a signature after 10 minutes, when the 5-minute window refuses it anyway", async () => {
    const p = await newProject("Replay Forgotten");
    const store = defaultRateLimitStore(opened.db);
    const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const send = (ts: number, when: Date) =>
      handleManualTrigger(opened.db, store, p.id, { headers: new Headers(signed(p.secret, ts)), rawBody: raw }, when);
    const seconds = t0.getTime() / 1000;
    // Signed 5 minutes ahead: the latest timestamp the window accepts, so the longest it stays valid.
    const ahead = seconds + 300;
    await send(ahead, t0);
    await expect(send(ahead, at(599))).rejects.toMatchObject({ status: 409 });
    // 10 minutes on, the signature is forgotten, and its timestamp is 5 min 1 s old: refused as stale.
    await expect(send(ahead, at(601))).rejects.toMatchObject({ status: 401, message: expect.stringContaining("replay protection") });
    expect(await opened.db.triggerSignature.count({ where: { projectId: p.id, expiresAt: { gt: at(601) } } })).toBe(0);
    // A request accepted then also prunes the expired rows.
    await send(seconds + 601, at(601));
    expect(await opened.db.triggerSignature.count({ where: { projectId: p.id } })).toBe(1);
    expect(await builds(p.id)).toBe(2);
  });
});
