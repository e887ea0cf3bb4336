// Test inbox quotas (docs/delivery.md#test-inbox): open inboxes and creations per organization,
// stored bytes per inbox and per organization (the oldest requests make room, the new one is
// always kept), the bounded lifetime, and that parallel creations and requests never overshoot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as receiver from "@/app/api/inbox/[token]/route";
import * as collection from "@/app/api/v1/inboxes/route";
import { systemActor } from "@/lib/audit";
import { randomToken } from "@/lib/crypto";
import { newId, type OpenedDatabase } from "@/lib/db";
import { readMigrations } from "@/lib/db/migrate";
import { ConflictError, NotFoundError } from "@/lib/errors";
import {
  createInbox,
  INBOX_CREATIONS_PER_HOUR,
  INBOX_STORAGE_LIMIT,
  INBOXES_PER_ORGANIZATION,
  ORGANIZATION_INBOX_STORAGE_LIMIT,
  recordInboxRequest,
  type InboxResource,
} from "@/lib/webhooks";
import { requestBytes } from "@/lib/webhooks/inbox-quotas";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

const ORIGIN = "http://127.0.0.1:9";
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const MiB = 1024 * 1024;
const KiB256 = 256 * 1024;

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});

afterAll(async () => {
  await opened?.close();
});

const freshOrg = async () => (await createOrgWithUser(opened.db, "owner")).org.id;

/** `count` open inboxes of the organization, written directly (no creation budget spent). */
async function seedInboxes(orgId: string, count: number, now = new Date()) {
  const rows = Array.from({ length: count }, (_, i) => {
    const token = randomToken(32);
    return { id: newId("inbox", now.getTime() - (count - i) * 1000), organizationId: orgId, token, name: `Seeded ${i}`, url: `${ORIGIN}/api/inbox/${token}`, expiresAt: new Date(now.getTime() + DAY), createdAt: now };
  });
  await opened.db.inbox.createMany({ data: rows });
  return rows;
}

/** `count` requests of `bytes` each (tiny bodies: the quotas read the size column), oldest first from `start`. */
async function seedRequests(inboxId: string, count: number, bytes: number, start: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId("req", start + i * 1000),
    inboxId,
    method: "POST",
    headers: {},
    body: "seeded",
    bytes,
    receivedAt: new Date(start + i * 1000),
  }));
  await opened.db.inboxRequest.createMany({ data: rows });
  return rows.map((r) => r.id);
}

async function storedBytes(where: { inboxId?: string; orgId?: string }) {
  const rows = await opened.db.inboxRequest.findMany({
    where: where.inboxId ? { inboxId: where.inboxId } : { inbox: { organizationId: where.orgId } },
    select: { bytes: true },
  });
  return { count: rows.length, bytes: rows.reduce((sum, r) => sum + r.bytes, 0) };
}

const createViaApi = (key: string, name = "Quota") => callRoute(collection.POST, { url: `${ORIGIN}/api/v1/inboxes`, key, body: { name } });

describe("open inboxes per organization", () => {
  it(`refuses an open inbox beyond ${INBOXES_PER_ORGANIZATION} with 409 saying the limit and what to do, and does not spend the hour's budget on it`, async () => {
    const orgId = await freshOrg();
    const key = await createKey(opened.db, orgId, ["webhooks:write"]);
    await seedInboxes(orgId, INBOXES_PER_ORGANIZATION - 1);
    await expectJson<InboxResource>(await createViaApi(key), 201);

    const refused = await expectProblem(await createViaApi(key), 409);
    expect(refused.detail).toBe(
      `This organization has ${INBOXES_PER_ORGANIZATION} test inboxes, the most it may have. Delete one on the Test inbox page (or with DELETE /api/v1/inboxes/{id}) or wait until one expires.`,
    );
    const bucket = await opened.db.rateLimitBucket.findUniqueOrThrow({ where: { key: `inbox-create:${orgId}` } });
    expect(bucket.count).toBe(1);
    expect(await opened.db.inbox.count({ where: { organizationId: orgId } })).toBe(INBOXES_PER_ORGANIZATION);
  });

  it("does not count expired inboxes, and deletes them when another is created", async () => {
    const orgId = await freshOrg();
    const now = new Date();
    await seedInboxes(orgId, INBOXES_PER_ORGANIZATION - 1, now);
    await opened.db.inbox.createMany({
      data: Array.from({ length: 3 }, () => ({ id: newId("inbox"), organizationId: orgId, token: randomToken(32), name: "Old", expiresAt: new Date(now.getTime() - 1000) })),
    });
    await createInbox(opened.db, orgId, {}, ORIGIN, systemActor, now);
    expect(await opened.db.inbox.count({ where: { organizationId: orgId } })).toBe(INBOXES_PER_ORGANIZATION);
    await expect(createInbox(opened.db, orgId, {}, ORIGIN, systemActor, now)).rejects.toBeInstanceOf(ConflictError);
  });

  it("lets at most the limit through when creations race", async () => {
    const orgId = await freshOrg();
    const key = await createKey(opened.db, orgId, ["webhooks:write"]);
    const room = 5;
    await seedInboxes(orgId, INBOXES_PER_ORGANIZATION - room);
    // Within the hour's budget, so only the count refuses.
    const responses = await Promise.all(Array.from({ length: INBOX_CREATIONS_PER_HOUR }, (_, i) => createViaApi(key, `Race ${i}`)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(room).fill(201), ...Array<number>(INBOX_CREATIONS_PER_HOUR - room).fill(409)]);
    expect(await opened.db.inbox.count({ where: { organizationId: orgId } })).toBe(INBOXES_PER_ORGANIZATION);
  });
});

describe("creations per hour", () => {
  it(`lets ${INBOX_CREATIONS_PER_HOUR} parallel creations through and answers the rest 429 with Retry-After`, async () => {
    const orgId = await freshOrg();
    const key = await createKey(opened.db, orgId, ["webhooks:write"]);
    const extra = 3;
    const responses = await Promise.all(Array.from({ length: INBOX_CREATIONS_PER_HOUR + extra }, (_, i) => createViaApi(key, `Burst ${i}`)));
    const created = responses.filter((r) => r.status === 201);
    const limited = responses.filter((r) => r.status === 429);
    expect([created.length, limited.length]).toEqual([INBOX_CREATIONS_PER_HOUR, extra]);
    const problem = await expectProblem(limited[0], 429);
    expect(problem.detail).toMatch(new RegExp(`^This organization may create at most ${INBOX_CREATIONS_PER_HOUR} test inboxes an hour\\. Try again in \\d+ minutes?`));
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await opened.db.inbox.count({ where: { organizationId: orgId } })).toBe(INBOX_CREATIONS_PER_HOUR);
  });
});

describe("stored bytes", () => {
  it("keeps at most 10 MiB per inbox, dropping the oldest requests first", async () => {
    const orgId = await freshOrg();
    const inbox = await createInbox(opened.db, orgId, {}, ORIGIN, systemActor);
    const start = Date.now();
    const bodies: string[] = [];
    for (let i = 0; i < 45; i++) {
      const body = String(i % 10).repeat(KiB256);
      bodies.push(body);
      await recordInboxRequest(opened.db, inbox.token, { method: "POST", headers: {}, body }, new Date(start + i * 1000));
    }
    const kept = await opened.db.inboxRequest.findMany({ where: { inboxId: inbox.id }, orderBy: { id: "asc" }, select: { receivedAt: true, bytes: true } });
    // 40 × 256 KiB is exactly 10 MiB: the 5 oldest made room.
    expect(kept).toHaveLength(INBOX_STORAGE_LIMIT / KiB256);
    expect(kept[0].receivedAt).toEqual(new Date(start + 5 * 1000));
    expect(kept.every((r) => r.bytes === KiB256)).toBe(true);
  });

  it("counts a request's body and header names and values in UTF-8", async () => {
    const orgId = await freshOrg();
    const inbox = await createInbox(opened.db, orgId, {}, ORIGIN, systemActor);
    const recorded = await recordInboxRequest(opened.db, inbox.token, { method: "POST", headers: { "x-é": "ü", a: "bc" }, body: "€uro" }, new Date());
    expect(recorded.bytes).toBe(Buffer.byteLength("x-é") + Buffer.byteLength("ü") + 1 + 2 + Buffer.byteLength("€uro"));
  });

  it("keeps at most 50 MiB across the organization's inboxes, the oldest of any inbox making room, and always the new request", async () => {
    const orgId = await freshOrg();
    const start = Date.now() - HOUR;
    const full: string[][] = [];
    const inboxes = await seedInboxes(orgId, 6);
    // Five inboxes of 10 × 1 MiB: the organization holds exactly 50 MiB.
    for (let i = 0; i < 5; i++) full.push(await seedRequests(inboxes[i].id, 10, MiB, start + i * 60_000));
    expect((await storedBytes({ orgId })).bytes).toBe(ORGANIZATION_INBOX_STORAGE_LIMIT);

    const recorded = await recordInboxRequest(opened.db, inboxes[5].token, { method: "POST", headers: {}, body: "new" }, new Date());
    const after = await opened.db.inboxRequest.findMany({ where: { inbox: { organizationId: orgId } }, select: { id: true } });
    const ids = new Set(after.map((r) => r.id));
    expect(ids.has(recorded.id)).toBe(true);
    // The oldest request of the organization (the first inbox's first) made room; nothing else.
    expect(ids.has(full[0][0])).toBe(false);
    expect(after).toHaveLength(50);
    expect((await storedBytes({ orgId })).bytes).toBeLessThanOrEqual(ORGANIZATION_INBOX_STORAGE_LIMIT);
  });

  it("keeps at most 10 MiB per inbox when 60 requests of 256 KiB arrive at once through the receiver, and answers each 200", async () => {
    const orgId = await freshOrg();
    const inbox = await createInbox(opened.db, orgId, {}, ORIGIN, systemActor);
    const body = "a".repeat(KiB256);
    const responses = await Promise.all(
      Array.from({ length: 60 }, () => callRoute(receiver.POST, { url: `/api/inbox/${inbox.token}`, params: { token: inbox.token }, body, headers: { "content-type": "text/plain" } })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array<number>(60).fill(200));
    const stored = await storedBytes({ inboxId: inbox.id });
    expect(stored.bytes).toBeLessThanOrEqual(INBOX_STORAGE_LIMIT);
    // Each request is 256 KiB and its headers: 39 fit in 10 MiB.
    expect(stored.count).toBe(39);
  });

  it("keeps at most 50 MiB per organization when requests race into several of its inboxes", async () => {
    const orgId = await freshOrg();
    const inboxes = await seedInboxes(orgId, 6);
    // Four inboxes hold 10 MiB each (40 × 256 KiB): 10 MiB of room is left.
    for (let i = 0; i < 4; i++) await seedRequests(inboxes[i].id, 40, KiB256, Date.now() - HOUR + i * 60_000);
    const body = "b".repeat(KiB256);
    const sends = Array.from({ length: 60 }, (_, i) => {
      const { token } = inboxes[4 + (i % 2)];
      return recordInboxRequest(opened.db, token, { method: "POST", headers: {}, body }, new Date());
    });
    const recorded = await Promise.all(sends);
    const stored = await storedBytes({ orgId });
    expect(stored.bytes).toBeLessThanOrEqual(ORGANIZATION_INBOX_STORAGE_LIMIT);
    // The last request recorded is always kept.
    const newest = recorded.reduce((a, b) => (a.id > b.id ? a : b));
    expect(await opened.db.inboxRequest.findUnique({ where: { id: newest.id } })).not.toBeNull();
  });
});

describe("lifetime", () => {
  it("extends the life 7 days per request, never beyond 30 days after creation, then answers 404", async () => {
    const orgId = await freshOrg();
    const created = new Date(Date.now() - 40 * DAY);
    const inbox = await createInbox(opened.db, orgId, {}, ORIGIN, systemActor, created);
    const send = (at: number) => recordInboxRequest(opened.db, inbox.token, { method: "POST", headers: {}, body: "{}" }, new Date(created.getTime() + at));
    const expiry = async () => (await opened.db.inbox.findUniqueOrThrow({ where: { id: inbox.id } })).expiresAt;

    await send(5 * DAY);
    expect(await expiry()).toEqual(new Date(created.getTime() + 12 * DAY));
    await send(11 * DAY);
    await send(17 * DAY);
    await send(23 * DAY);
    expect(await expiry()).toEqual(new Date(created.getTime() + 30 * DAY));
    await send(29 * DAY);
    expect(await expiry()).toEqual(new Date(created.getTime() + 30 * DAY));
    await expect(send(30 * DAY)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the migration", () => {
  it("backfills the size of requests stored before as recordInboxRequest counts it", async () => {
    const orgId = await freshOrg();
    const [inbox] = await seedInboxes(orgId, 1);
    const headers = { "content-type": "application/json", "x-é": "ü".repeat(10) };
    const body = '{"name":"Münster €"}';
    const id = newId("req");
    await opened.db.inboxRequest.create({ data: { id, inboxId: inbox.id, method: "POST", headers, body } });
    const migration = readMigrations().find((m) => m.name === "20261207230000_inbox_quotas");
    const backfill = migration!.sql.slice(migration!.sql.indexOf("UPDATE"));
    await opened.db.$executeRawUnsafe(backfill);
    const row = await opened.db.inboxRequest.findUniqueOrThrow({ where: { id } });
    expect(row.bytes).toBe(requestBytes(headers, body));
  });
});
