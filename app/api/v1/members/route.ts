import { handle, routes } from "@/lib/api";
import { listMembersPage, toMemberResource } from "@/lib/organizations";

export const GET = handle(routes.listMembers, async ({ db, orgId, query }) => {
  const page = await listMembersPage(db, orgId, query);
  return { data: page.items.map(toMemberResource), next_cursor: page.nextCursor };
});
