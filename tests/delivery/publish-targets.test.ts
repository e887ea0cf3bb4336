// Publishing fans an event out from the organization's endpoints as this process last read them,
// and the statement that stores it checks they are still what it read: an endpoint added,
// changed or disabled meanwhile, by this instance or another (here: SQL straight to the
// database, as another instance would write), changes who gets the very next event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, type OpenedDatabase } from "@/lib/db";
import { publishEvent, publishEventsIn } from "@/lib/delivery/publish";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(async () => {
  await opened?.close();
});

const event = (orgId: string, type: "project.updated" | "project.deleted" = "project.updated") => ({
  orgId,
  projectId: null,
  type,
  data: { project: { id: "proj_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name: "MyPlugin" } },
});

/** An endpoint inserted behind this process's back, as another instance would. */
async function insertEndpoint(orgId: string, eventTypes: string[] = []) {
  const id = newId("ep");
  await opened.db.$executeRawUnsafe(
    `INSERT INTO "Endpoint" (id, "organizationId", name, url, "eventTypes", "updatedAt") VALUES ($1, $2, $1, 'http://127.0.0.1:9/x', $3::text[], now())`,
    id,
    orgId,
    eventTypes,
  );
  return id;
}

async function deliveredTo(messageId: string) {
  const rows = await opened.db.delivery.findMany({ where: { messageId }, select: { endpointId: true } });
  return rows.map((r) => r.endpointId).sort();
}

describe("publishing to endpoints that change", () => {
  it("sees an endpoint added, resubscribed or disabled since the last event, in the next one", async () => {
    const { org } = await createOrgWithUser(opened.db);
    const a = await insertEndpoint(org.id);
    const first = await publishEvent(opened.db, event(org.id));
    expect(await deliveredTo(first.message.id)).toEqual([a]);

    const b = await insertEndpoint(org.id, ["project.updated"]);
    const second = await publishEvent(opened.db, event(org.id));
    expect(await deliveredTo(second.message.id)).toEqual([a, b].sort());

    await opened.db.$executeRawUnsafe(`UPDATE "Endpoint" SET "eventTypes" = ARRAY['project.deleted'] WHERE id = $1`, b);
    const third = await publishEvent(opened.db, event(org.id));
    expect(await deliveredTo(third.message.id)).toEqual([a]);

    await opened.db.$executeRawUnsafe(`UPDATE "Endpoint" SET active = false WHERE id = $1`, a);
    const fourth = await publishEvent(opened.db, event(org.id, "project.deleted"));
    expect(await deliveredTo(fourth.message.id)).toEqual([b]);
    // Every event was stored once, whichever way it went.
    expect(await opened.db.message.count({ where: { organizationId: org.id } })).toBe(4);
  });

  it("stores events for several organizations at once, each fanned out to its own endpoints", async () => {
    const one = (await createOrgWithUser(opened.db)).org;
    const two = (await createOrgWithUser(opened.db)).org;
    const a = await insertEndpoint(one.id);
    const b = await insertEndpoint(two.id);
    for (let round = 0; round < 2; round++) {
      const { messages } = await opened.db.$transaction((tx) => publishEventsIn(tx, [event(one.id), event(two.id)]));
      expect(await deliveredTo(messages[0].id)).toEqual([a]);
      expect(await deliveredTo(messages[1].id)).toEqual([b]);
      await insertEndpoint(two.id, ["project.deleted"]);
    }
  });
});
