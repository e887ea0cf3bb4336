import { StatusBadge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { requireOrgPage } from "@/lib/auth/session";
import { listMembers } from "@/lib/organizations";

export const metadata = { title: "Members" };

const ROLE_HELP = "Viewers read; developers manage webhooks and triggers; admins also reveal and rotate secrets and manage API keys; owners manage members.";

export default async function MembersPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db } = await requireOrgPage(orgId);
  const members = await listMembers(db, orgId);
  return (
    <>
      <PageHeader title="Members" description={ROLE_HELP} />
      <Table label="Members" columns={["Name", "Email", "Role", "Member since"]}>
        {members.map((m) => (
          <tr key={m.userId}>
            <Td className="font-medium text-neutral-900">{m.name ?? "—"}</Td>
            <Td>{m.email}</Td>
            <Td>
              <StatusBadge status={m.role} />
            </Td>
            <Td>
              <RelativeTime date={m.since} />
            </Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
