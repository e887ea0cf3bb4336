// An endpoint's state is data: who disabled it (a person or the platform), why and when;
// the dashboard's warning lists only what the platform disabled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { createEndpoint, listAutoDisabledEndpoints, recordEndpointResults, updateEndpoint } from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(async () => {
  await opened.close();
});

const actor = { ...systemActor, label: "Test" };
const endpointInput = (name: string, active = true) => ({ name, url: "http://127.0.0.1:9/hook", events: [], format: "standard" as const, headers: {}, active });

describe("endpoint state", () => {
  it("records a person switching an endpoint off, and clears it all when switched on again", async () => {
    const { org } = await createOrgWithUser(opened.db);
    const endpoint = await createEndpoint(opened.db, org.id, endpointInput("Switched"), actor);
    const off = await updateEndpoint(opened.db, org.id, endpoint.id, { active: false }, actor);
    expect(off).toMatchObject({ active: false, disabledBy: "user", disabledReason: "Disabled by a user." });
    expect(off.disabledAt).toBeInstanceOf(Date);
    const on = await updateEndpoint(opened.db, org.id, endpoint.id, { active: true }, actor);
    expect(on).toMatchObject({ active: true, disabledBy: null, disabledReason: null, disabledAt: null, failingSince: null });
  });

  it("records an endpoint created inactive as switched off by a person", async () => {
    const { org } = await createOrgWithUser(opened.db);
    const endpoint = await createEndpoint(opened.db, org.id, endpointInput("Created off", false), actor);
    expect(endpoint).toMatchObject({ active: false, disabledBy: "user" });
  });

  it("disables on 410 Gone as the platform, once, and the warning lists only platform-disabled endpoints", async () => {
    const { org } = await createOrgWithUser(opened.db);
    const gone = await createEndpoint(opened.db, org.id, endpointInput("Gone"), actor);
    const byHand = await createEndpoint(opened.db, org.id, endpointInput("By hand"), actor);
    await updateEndpoint(opened.db, org.id, byHand.id, { active: false }, actor);

    const now = new Date();
    const disabled = await recordEndpointResults(opened.db, { succeeded: [], failed: [], gone: [gone.id] }, now);
    expect(disabled.map((e) => e.id)).toEqual([gone.id]);
    // Already disabled: a second 410 in a later batch disables nothing new.
    expect(await recordEndpointResults(opened.db, { succeeded: [], failed: [], gone: [gone.id] }, now)).toEqual([]);

    const warned = await listAutoDisabledEndpoints(opened.db, org.id);
    expect(warned.map((e) => e.name)).toEqual(["Gone"]);
    expect(warned[0].disabledReason).toBe("The endpoint answered 410 Gone.");
  });
});
