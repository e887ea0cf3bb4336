// Shared set-up of the build tests: an organization with a project, an endpoint pointing
// at a real receiver, and a helper that delivers what is due and returns the envelopes.
import { systemActor } from "@/lib/audit";
import type { Db } from "@/lib/db";
import { deliverDueOnce, deliveryContext } from "@/lib/delivery";
import { createSender } from "@/lib/delivery/sender";
import { createProject } from "@/lib/projects";
import { catalogEntry, type EventType } from "@/lib/webhooks/event-catalog";
import { createEndpoint } from "@/lib/webhooks";
import { createOrgWithUser } from "../helpers/db";
import type { Receiver } from "../helpers/receiver";

export type Envelope = { id: string; type: EventType; timestamp: string; data: Record<string, unknown> & { build?: Record<string, unknown> } };

let projects = 0;

export async function createProjectFixture(db: Db, orgId: string, overrides: { default_branch?: string; default_platforms?: string[]; default_formats?: string[] } = {}) {
  projects += 1;
  return createProject(
    db,
    orgId,
    {
      name: `My Plugin ${projects}`,
      default_branch: overrides.default_branch ?? "main",
      default_platforms: overrides.default_platforms ?? ["macos", "windows"],
      default_formats: overrides.default_formats ?? ["vst3", "au"],
    },
    systemActor,
  );
}

/** An organization whose endpoint (all events) posts to `receiver` under /<orgId>. */
export async function createOrgWithEndpoint(db: Db, receiver: Receiver) {
  const { org, user } = await createOrgWithUser(db);
  await createEndpoint(
    db,
    org.id,
    { name: "Builds", url: `${receiver.url}/${org.id}`, events: [], format: "standard", headers: {}, active: true },
    systemActor,
    { allowHttp: true, allowPrivate: true },
  );
  return { org, user };
}

/** Delivers everything due (the clock is far ahead, past any fake test clock) and returns the envelopes received for the org. */
export async function deliveredEvents(db: Db, receiver: Receiver, orgId: string): Promise<Envelope[]> {
  const ctx = deliveryContext(db, { now: () => new Date(Date.UTC(2100, 0, 1)), send: createSender({ allowPrivate: true }) });
  while ((await deliverDueOnce(ctx)) > 0);
  return receiver.requests
    .filter((r) => r.path === `/${orgId}`)
    .map((r) => JSON.parse(r.body) as Envelope)
    .filter((e) => e.type !== "project.created");
}

/** Asserts that an envelope's data parses with the catalog schema of its type. */
export function parsesWithCatalog(envelope: Envelope): boolean {
  return catalogEntry(envelope.type).schema.safeParse(envelope.data).success;
}
