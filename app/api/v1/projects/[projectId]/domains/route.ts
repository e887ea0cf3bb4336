import { json, parseBody, withApiKey } from "@/lib/api";
import { addDomain, addDomainInput, listDomains, toDomainResource } from "@/lib/builds";

type Params = { projectId: string };

export const GET = withApiKey<Params>({ permission: "projects:read" }, async (_req, { db, orgId, params }) => {
  const domains = await listDomains(db, orgId, params.projectId);
  return json({ data: domains.map(toDomainResource), next_cursor: null });
});

export const POST = withApiKey<Params>({ permission: "projects:write" }, async (req, { db, orgId, actor, params }) => {
  const { hostname } = await parseBody(req, addDomainInput);
  return json(toDomainResource(await addDomain(db, orgId, params.projectId, hostname, actor)), { status: 201 });
});
