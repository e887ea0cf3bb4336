import { handle, routes } from "@/lib/api";
import { getBuild, toBuildDetailResource } from "@/lib/builds";

export const GET = handle(routes.getBuild, async ({ db, orgId, params }) => {
  return toBuildDetailResource(await getBuild(db, orgId, params.buildId));
});
