// Creating and deleting organizations (docs/security.md#members-and-invitations): the creator
// owns the new one; deleting one takes everything it owns with it (checked over every table
// with an organizationId or projectId column, so a table added later is covered too) and
// leaves every other organization as it was.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as builds from "@/app/api/v1/projects/[projectId]/builds/route";
import * as projects from "@/app/api/v1/projects/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { newId, type Db, type OpenedDatabase } from "@/lib/db";
import { createInvitation, createOrganizationFor, deleteOrganization, getMembershipRole, listOrganizationsForUser } from "@/lib/organizations";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson } from "../helpers/http";
import { addMember, auditActions, userActor } from "./fixtures";

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});

afterAll(async () => {
  await opened?.close();
});

/** An organization with one of everything: members, an invitation, a key, an endpoint, a project, a build, events, deliveries, an attempt, an inbox, trigger bookkeeping. */
async function populatedOrganization(db: Db) {
  const { org, user: owner } = await createOrgWithUser(db, "owner");
  await addMember(db, org.id, "developer");
  const key = await createKey(db, org.id, ["admin"]);
  const post = async (handler: unknown, url: string, body: unknown, params = {}) =>
    expectJson<{ id: string }>(await callRoute(handler as Parameters<typeof callRoute>[0], { url, key, body, params }), 201);
  await post(webhooks.POST, "/api/v1/webhooks", { name: "Everything", url: "http://127.0.0.1:9/hook" });
  const project = await post(projects.POST, "/api/v1/projects", { name: "Doomed" });
  await post(builds.POST, `/api/v1/projects/${project.id}/builds`, {}, { projectId: project.id });
  await createInvitation(db, org.id, { email: "pending@example.test", role: "viewer" }, userActor(owner), { authority: { owners: true }, origin: "http://localhost", inviterUserId: owner.id });
  const delivery = await db.delivery.findFirstOrThrow({ where: { organizationId: org.id } });
  await db.deliveryAttempt.create({
    data: {
      id: newId("att"),
      deliveryId: delivery.id,
      organizationId: org.id,
      endpointId: delivery.endpointId,
      number: 1,
      trigger: "auto",
      requestUrl: "http://127.0.0.1:9/hook",
      requestHeaders: {},
      requestBody: "{}",
      durationMs: 3,
      sentAt: new Date(),
    },
  });
  const inbox = await db.inbox.create({ data: { id: newId("inbox"), organizationId: org.id, token: newId("inbox"), name: "Inbox", expiresAt: new Date(Date.now() + 86_400_000) } });
  await db.inboxRequest.create({ data: { id: newId("req"), inboxId: inbox.id, method: "POST", headers: {}, body: "{}" } });
  await db.githubDelivery.create({ data: { projectId: project.id, deliveryId: "gh-1", event: "push", response: {} } });
  await db.githubPayload.create({ data: { projectId: project.id, digest: "d1", event: "push", response: {} } });
  await db.idempotencyKey.create({ data: { projectId: project.id, key: "k1", buildId: "bld_x" } });
  await db.triggerSignature.create({ data: { projectId: project.id, digest: "s1", buildId: "bld_x", expiresAt: new Date(Date.now() + 600_000) } });
  return { org, owner, projectIds: [project.id] };
}

/** Rows left anywhere that belong to the organization or its projects, by table. */
async function leftovers(db: Db, orgId: string, projectIds: string[]): Promise<Record<string, number>> {
  const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name IN ('organizationId', 'projectId')`;
  const found: Record<string, number> = {};
  for (const { table_name: table, column_name: column } of columns) {
    const values = column === "organizationId" ? [orgId] : projectIds;
    const [{ count }] = await db.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${table}" WHERE "${column}" = ANY($1)`, values);
    if (Number(count) > 0) found[`${table}.${column}`] = Number(count);
  }
  for (const [table, count] of [
    ["EndpointSecret", await db.endpointSecret.count({ where: { endpoint: { organizationId: orgId } } })],
    ["InboxRequest", await db.inboxRequest.count({ where: { inbox: { organizationId: orgId } } })],
  ] as const) {
    if (count > 0) found[table] = count;
  }
  return found;
}

describe("creating an organization", () => {
  it("makes the creator its owner, and audits it in the new organization", async () => {
    const { user } = await createOrgWithUser(opened.db, "viewer");
    const org = await createOrganizationFor(opened.db, user.id, "Second Studio", userActor(user));
    expect(org).toMatchObject({ name: "Second Studio", personal: false });
    expect(await getMembershipRole(opened.db, org.id, user.id)).toBe("owner");
    expect((await listOrganizationsForUser(opened.db, user.id)).map((o) => [o.name, o.role])).toEqual([
      [expect.any(String), "viewer"],
      ["Second Studio", "owner"],
    ]);
    expect(await auditActions(opened.db, org.id)).toEqual(["organization.created"]);
  });
});

describe("deleting an organization", () => {
  it("takes everything it owns with it and leaves other organizations alone", async () => {
    const doomed = await populatedOrganization(opened.db);
    const kept = await populatedOrganization(opened.db);
    const before = await leftovers(opened.db, doomed.org.id, doomed.projectIds);
    for (const table of ["Membership", "Invitation", "ApiKey", "Endpoint", "Project", "Build", "Message", "Delivery", "DeliveryAttempt", "AuditLog", "Inbox", "GithubDelivery"]) {
      expect(Object.keys(before).some((k) => k.startsWith(`${table}.`)), table).toBe(true);
    }
    const keptBefore = await leftovers(opened.db, kept.org.id, kept.projectIds);

    const log = vi.spyOn(console, "info").mockImplementation(() => {});
    await deleteOrganization(opened.db, doomed.org.id, doomed.org.name, userActor(doomed.owner));
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`deleted organization ${doomed.org.id} "${doomed.org.name}" with 1 project(s), 1 endpoint(s)`));
    log.mockRestore();

    expect(await leftovers(opened.db, doomed.org.id, doomed.projectIds)).toEqual({});
    expect(await opened.db.organization.findUnique({ where: { id: doomed.org.id } })).toBeNull();
    expect(await leftovers(opened.db, kept.org.id, kept.projectIds)).toEqual(keptBefore);
    // The owner's own account and their other organizations stay.
    expect(await opened.db.user.findUnique({ where: { id: doomed.owner.id } })).not.toBeNull();
  });

  it("needs the organization's name typed exactly", async () => {
    const { org, user } = await createOrgWithUser(opened.db, "owner");
    for (const typed of ["", org.name.toUpperCase(), `${org.name} `, "something else"]) {
      await expect(deleteOrganization(opened.db, org.id, typed, userActor(user))).rejects.toMatchObject({
        status: 422,
        errors: [{ field: "confirm_name", message: `Type “${org.name}” exactly to confirm.`, code: "mismatch" }],
      });
    }
    expect(await opened.db.organization.findUnique({ where: { id: org.id } })).not.toBeNull();
  });
});
