import { handle, routes } from "@/lib/api";
import { addDomain, listDomains, toDomainResource } from "@/lib/builds";

export const GET = handle(routes.listDomains, async ({ db, orgId, params }) => {
  const domains = await listDomains(db, orgId, params.projectId);
  return { data: domains.map(toDomainResource), next_cursor: null };
});

export const POST = handle(routes.addDomain, async ({ db, orgId, actor, params, body }) => {
  return toDomainResource(await addDomain(db, orgId, params.projectId, body.hostname, actor));
});
