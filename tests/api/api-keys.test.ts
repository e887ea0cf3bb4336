// /api/v1/api-keys: the key is shown once, never listed, and revoking it locks it out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/api-keys/route";
import * as item from "@/app/api/v1/api-keys/[keyId]/route";
import * as projects from "@/app/api/v1/projects/route";
import { sha256Hex } from "@/lib/crypto";
import type { OpenedDatabase } from "@/lib/db";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

type KeyResource = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  key?: string;
};

let opened: OpenedDatabase;
let adminKey: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  const { org } = await createOrgWithUser(opened.db, "owner");
  adminKey = await createKey(opened.db, org.id, ["admin"]);
});

afterAll(async () => {
  await opened?.close();
});

const createKeyViaApi = (body: unknown, key = adminKey) =>
  callRoute(collection.POST, { method: "POST", url: "/api/v1/api-keys", key, body });
const listKeys = (key = adminKey) => callRoute(collection.GET, { url: "/api/v1/api-keys?limit=100", key });
const revoke = (keyId: string, key = adminKey) =>
  callRoute(item.DELETE, { method: "DELETE", url: `/api/v1/api-keys/${keyId}`, key, params: { keyId } });

describe("POST /api/v1/api-keys", () => {
  it("returns the new key once, starting with cc_live_, and stores only its hash", async () => {
    const body = await expectJson<KeyResource>(await createKeyViaApi({ name: "CI", scopes: ["builds:write", "builds:read"] }), 201);
    expect(body.key).toMatch(/^cc_live_[A-Za-z0-9_-]{43}$/);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^key_/),
      name: "CI",
      prefix: body.key!.slice(0, "cc_live_".length + 6),
      scopes: ["builds:write", "builds:read"],
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
    });
    const row = await opened.db.apiKey.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.hashedKey).toBe(sha256Hex(body.key!));
    expect(Object.values(row)).not.toContain(body.key);
  });

  it("creates a key that works at once with its scopes", async () => {
    const { key } = await expectJson<KeyResource>(await createKeyViaApi({ name: "Reader", scopes: ["projects:read"] }), 201);
    await expectJson(await callRoute(projects.GET, { url: "/api/v1/projects", key }), 200);
    const denied = await callRoute(projects.POST, { method: "POST", url: "/api/v1/projects", key, body: { name: "X" } });
    await expectProblem(denied, 403);
  });

  it("removes duplicate scopes", async () => {
    const body = await expectJson<KeyResource>(
      await createKeyViaApi({ name: "Dupes", scopes: ["projects:read", "projects:read"] }),
      201,
    );
    expect(body.scopes).toEqual(["projects:read"]);
  });

  it("answers 422 naming scopes.0 for an unknown scope", async () => {
    const problem = await expectProblem(await createKeyViaApi({ name: "Bad", scopes: ["root"] }), 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(["scopes.0"]);
  });

  it("answers 422 naming scopes when none is chosen", async () => {
    const problem = await expectProblem(await createKeyViaApi({ name: "None", scopes: [] }), 422);
    expect(problem.errors).toEqual([expect.objectContaining({ field: "scopes", message: "Choose at least one scope." })]);
  });

  it("answers 422 naming expires_at when it is in the past", async () => {
    const body = { name: "Old", scopes: ["projects:read"], expires_at: new Date(Date.now() - 60_000).toISOString() };
    const problem = await expectProblem(await createKeyViaApi(body), 422);
    expect(problem.errors).toEqual([expect.objectContaining({ field: "expires_at", message: "The expiry must be in the future." })]);
  });

  it("needs the admin scope", async () => {
    const { org } = await createOrgWithUser(opened.db, "owner");
    const writer = await createKey(opened.db, org.id, ["projects:write", "webhooks:secrets"]);
    const problem = await expectProblem(await createKeyViaApi({ name: "Escalate", scopes: ["admin"] }, writer), 403);
    expect(problem.detail).toBe("This API key needs the `admin` scope.");
    await expectProblem(await listKeys(writer), 403);
  });
});

describe("GET /api/v1/api-keys", () => {
  it("lists keys without the key itself or its hash", async () => {
    const created = await expectJson<KeyResource>(await createKeyViaApi({ name: "Listed", scopes: ["projects:read"] }), 201);
    const response = await listKeys();
    const text = await response.clone().text();
    const body = await expectJson<{ data: KeyResource[] }>(response, 200);
    const listed = body.data.find((k) => k.id === created.id);
    expect(listed).toEqual({ ...created, key: undefined, last_used_at: expect.toSatisfy((v) => v === null || typeof v === "string") });
    expect(listed).not.toHaveProperty("key");
    expect(text).not.toContain(created.key!);
    expect(text).not.toContain(created.key!.slice("cc_live_".length + 6));
    expect(text).not.toContain(sha256Hex(created.key!));
    expect(text.toLowerCase()).not.toContain("hashed");
  });
});

describe("DELETE /api/v1/api-keys/{id}", () => {
  it("revokes the key, which then gets 401, and the list marks it revoked", async () => {
    const created = await expectJson<KeyResource>(await createKeyViaApi({ name: "Short-lived", scopes: ["projects:read"] }), 201);
    await expectJson(await callRoute(projects.GET, { url: "/api/v1/projects", key: created.key }), 200);

    const revoked = await expectJson<KeyResource & { deleted: boolean }>(await revoke(created.id), 200);
    expect(revoked).toMatchObject({ id: created.id, deleted: true, revoked_at: expect.any(String) });
    expect(revoked).not.toHaveProperty("key");

    await expectProblem(await callRoute(projects.GET, { url: "/api/v1/projects", key: created.key }), 401);
    const list = await expectJson<{ data: KeyResource[] }>(await listKeys(), 200);
    expect(list.data.find((k) => k.id === created.id)?.revoked_at).toBe(revoked.revoked_at);
  });

  it("is idempotent: revoking twice keeps the first revocation time", async () => {
    const created = await expectJson<KeyResource>(await createKeyViaApi({ name: "Twice", scopes: ["projects:read"] }), 201);
    const first = await expectJson<KeyResource>(await revoke(created.id), 200);
    const second = await expectJson<KeyResource>(await revoke(created.id), 200);
    expect(second.revoked_at).toBe(first.revoked_at);
  });

  it("answers 404 for an unknown key id", async () => {
    const problem = await expectProblem(await revoke("key_01JH0000000000000000000000"), 404);
    expect(problem.detail).toBe("API key key_01JH0000000000000000000000 was not found.");
  });
});
