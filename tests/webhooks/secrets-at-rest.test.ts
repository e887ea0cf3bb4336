// An endpoint's URL and custom header values are credentials: stored encrypted, shown masked to
// anyone without `webhooks:write` (API, mapper, dashboard actions), and rows stored in clear
// before encryption still work and are encrypted by the start-up backfill.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemActor } from "@/lib/audit";
import type { Db, OpenedDatabase } from "@/lib/db";
import {
  createEndpoint,
  encryptLegacyEndpointSecrets,
  getEndpoint,
  openEndpointTarget,
  toWebhookResource,
  updateEndpoint,
  webhookResourceFor,
} from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";

// The dashboard actions need a session: whoever the test says is signed in.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/authjs", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const TOKEN = "abcdefghijklmnopqrstuvwx";
const SLACK = `https://hooks.slack.com/services/T0123ABCD/B0456EFGH/${TOKEN}`;
const MASKED_SLACK = "https://hooks.slack.com/services/…/…/…";
const BEARER = "Bearer sk_live_0123456789abcdef";
const policy = { allowHttp: true, allowPrivate: true };

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(async () => {
  await opened?.close();
});

async function slackEndpoint(orgId: string, name = "Slack") {
  return createEndpoint(
    opened.db,
    orgId,
    { name, url: SLACK, events: [], format: "slack", headers: { Authorization: BEARER, "X-Team": "audio" }, active: true },
    systemActor,
    policy,
  );
}

/** The stored row as the database holds it, every column as text. */
async function rawRow(db: Db, id: string): Promise<string> {
  const rows = await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(e)::text AS row FROM "Endpoint" e WHERE e.id = ${id}`;
  return rows[0].row;
}

/** Puts an endpoint back in the form written before encryption: URL and header values in clear. */
async function makeLegacy(db: Db, id: string, url: string, headers: Record<string, string>) {
  await db.$executeRaw`UPDATE "Endpoint" SET "url" = ${url}, "headers" = ${JSON.stringify(headers)}::jsonb, "urlEncrypted" = NULL, "headersEncrypted" = NULL WHERE "id" = ${id}`;
}

describe("endpoint secrets at rest", () => {
  it("stores the URL and header values encrypted; the clear columns hold only the masked forms", async () => {
    const { org } = await createOrgWithUser(opened.db);
    const endpoint = await slackEndpoint(org.id);
    const raw = await rawRow(opened.db, endpoint.id);
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain("sk_live_");
    expect(raw).not.toContain("audio");
    expect(raw).not.toContain("T0123ABCD");
    expect(JSON.parse(raw)).toMatchObject({ url: MASKED_SLACK, headers: { Authorization: "••••", "X-Team": "••••" } });
    expect(JSON.parse(raw).urlEncrypted).toMatch(/^v1\./);
    expect(openEndpointTarget(endpoint)).toEqual({ url: SLACK, headers: { Authorization: BEARER, "X-Team": "audio" } });
    // The audit log names the endpoint by its masked URL.
    const audit = await opened.db.auditLog.findFirstOrThrow({ where: { targetId: endpoint.id, action: "endpoint.created" } });
    expect(JSON.stringify(audit.metadata)).not.toContain(TOKEN);
  });

  it("re-encrypts a changed URL or header, and keeps the others", async () => {
    const { org } = await createOrgWithUser(opened.db);
    const endpoint = await slackEndpoint(org.id);
    await updateEndpoint(opened.db, org.id, endpoint.id, { headers: { Authorization: "Bearer rotated-0123456789" } }, systemActor, policy);
    let row = await getEndpoint(opened.db, org.id, endpoint.id);
    expect(openEndpointTarget(row)).toEqual({ url: SLACK, headers: { Authorization: "Bearer rotated-0123456789" } });
    expect(await rawRow(opened.db, endpoint.id)).not.toContain("rotated-0123456789");

    const discord = "https://discord.com/api/webhooks/123456789012345678/Zx9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
    await updateEndpoint(opened.db, org.id, endpoint.id, { url: discord, format: "discord" }, systemActor, policy);
    row = await getEndpoint(opened.db, org.id, endpoint.id);
    expect(row.url).toBe("https://discord.com/api/webhooks/…/…");
    expect(openEndpointTarget(row).url).toBe(discord);
    expect(await rawRow(opened.db, endpoint.id)).not.toContain("Zx9aBcDeFgHiJkLmNoPqRsTuVwXyZ");
  });

  it("shows the real values only to those who may change the endpoint (webhooks:write)", async () => {
    const { org } = await createOrgWithUser(opened.db);
    const endpoint = await slackEndpoint(org.id);
    const masked = { url: MASKED_SLACK, headers: { Authorization: "••••", "X-Team": "••••" } };
    const real = { url: SLACK, headers: { Authorization: BEARER, "X-Team": "audio" } };
    expect(toWebhookResource(endpoint)).toMatchObject(masked);
    expect(webhookResourceFor({ kind: "role", role: "viewer" })(endpoint)).toMatchObject(masked);
    expect(webhookResourceFor({ kind: "scopes", scopes: ["webhooks:read"], role: "owner" })(endpoint)).toMatchObject(masked);
    expect(webhookResourceFor({ kind: "role", role: "developer" })(endpoint)).toMatchObject(real);
    expect(webhookResourceFor({ kind: "role", role: "owner" })(endpoint)).toMatchObject(real);
    expect(webhookResourceFor({ kind: "scopes", scopes: ["webhooks:read", "webhooks:write"], role: "owner" })(endpoint)).toMatchObject(real);
    expect(webhookResourceFor({ kind: "scopes", scopes: ["admin"], role: "owner" })(endpoint)).toMatchObject(real);
  });

  it("masks for a viewer and reveals for a developer through the dashboard actions", async () => {
    const { listWebhooksAction, updateWebhookAction } = await import("@/lib/actions/webhooks");
    const { org } = await createOrgWithUser(opened.db, "owner");
    const endpoint = await slackEndpoint(org.id);
    const member = async (role: "viewer" | "developer") => {
      const { user } = await createOrgWithUser(opened.db);
      await opened.db.membership.create({ data: { id: `mem_${user.id.slice(4)}`, organizationId: org.id, userId: user.id, role } });
      return user.id;
    };
    const viewer = await member("viewer");
    const developer = await member("developer");

    session.userId = viewer;
    const seen = await listWebhooksAction(org.id, {});
    expect(seen).toMatchObject({ ok: true, data: { items: [{ id: endpoint.id, url: MASKED_SLACK, headers: { Authorization: "••••" } }] } });
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
    expect(await updateWebhookAction(org.id, { endpointId: endpoint.id, name: "Mine" })).toMatchObject({ ok: false });

    session.userId = developer;
    expect(await listWebhooksAction(org.id, {})).toMatchObject({ ok: true, data: { items: [{ url: SLACK, headers: { Authorization: BEARER } }] } });
    expect(await updateWebhookAction(org.id, { endpointId: endpoint.id, name: "Renamed" })).toMatchObject({
      ok: true,
      data: { name: "Renamed", url: SLACK, headers: { Authorization: BEARER } },
    });
    // A masked value read back is refused rather than stored over the real one.
    const echo = await updateWebhookAction(org.id, { endpointId: endpoint.id, headers: { Authorization: "••••" } });
    expect(echo).toMatchObject({ ok: false, fieldErrors: [expect.objectContaining({ field: "headers.Authorization" })] });
    expect(openEndpointTarget(await getEndpoint(opened.db, org.id, endpoint.id)).headers.Authorization).toBe(BEARER);
    session.userId = null;
  });
});

describe("endpoints stored in clear before encryption", () => {
  it("are read and masked as they are, encrypted on their next change", async () => {
    const { org } = await createOrgWithUser(opened.db);
    const endpoint = await slackEndpoint(org.id);
    await makeLegacy(opened.db, endpoint.id, SLACK, { Authorization: BEARER });
    const legacy = await getEndpoint(opened.db, org.id, endpoint.id);
    expect(openEndpointTarget(legacy)).toEqual({ url: SLACK, headers: { Authorization: BEARER } });
    expect(toWebhookResource(legacy)).toMatchObject({ url: MASKED_SLACK, headers: { Authorization: "••••" } });
    expect(webhookResourceFor({ kind: "role", role: "developer" })(legacy)).toMatchObject({ url: SLACK, headers: { Authorization: BEARER } });

    // Any change writes only the encrypted form, even one that touches neither URL nor headers.
    await updateEndpoint(opened.db, org.id, endpoint.id, { name: "Renamed" }, systemActor, policy);
    const raw = await rawRow(opened.db, endpoint.id);
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain("sk_live_");
    expect(openEndpointTarget(await getEndpoint(opened.db, org.id, endpoint.id))).toEqual({ url: SLACK, headers: { Authorization: BEARER } });
  });

  it("are encrypted by encryptLegacyEndpointSecrets, idempotently, keeping updatedAt", async () => {
    const { org } = await createOrgWithUser(opened.db);
    const ids: string[] = [];
    for (const name of ["L1", "L2", "L3"]) {
      const endpoint = await slackEndpoint(org.id, name);
      await makeLegacy(opened.db, endpoint.id, `${SLACK}${name}`, { Authorization: `${BEARER}${name}` });
      ids.push(endpoint.id);
    }
    const before = await opened.db.endpoint.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });

    // A small batch size walks several pages.
    expect(await encryptLegacyEndpointSecrets(opened.db, 2)).toBe(3);
    expect(await encryptLegacyEndpointSecrets(opened.db)).toBe(0);

    const after = await opened.db.endpoint.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    for (const [i, row] of after.entries()) {
      const raw = await rawRow(opened.db, row.id);
      expect(raw).not.toContain(TOKEN);
      expect(raw).not.toContain("sk_live_");
      expect(row.updatedAt).toEqual(before[i].updatedAt);
      expect(row.url).toBe(MASKED_SLACK);
      expect(openEndpointTarget(row)).toEqual({ url: `${SLACK}${row.name}`, headers: { Authorization: `${BEARER}${row.name}` } });
    }
  });
});
