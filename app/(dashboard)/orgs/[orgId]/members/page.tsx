import { InvitationList } from "@/components/members/invitation-list";
import { InviteButton } from "@/components/members/invite-button";
import { MemberList } from "@/components/members/member-list";
import { RoleGuide } from "@/components/members/role-guide";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { listMembers, listPendingInvitations, toInvitationResource } from "@/lib/organizations";

export const metadata = { title: "Members" };

const PERMISSION_NOTE = "members-permission";

export default async function MembersPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db, role, user } = await requireOrgPage(orgId, "members:read");
  const canManage = can({ kind: "role", role }, "members:manage");
  const [org, members, invitations] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { name: true } }),
    listMembers(db, orgId),
    listPendingInvitations(db, orgId, { limit: 100 }),
  ]);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Members"
        description={
          canManage
            ? "Invite people by email, change their roles, or remove them. The last owner always stays."
            : (
                <>
                  Who is in this organization, and with which role.{" "}
                  <span id={PERMISSION_NOTE}>Only owners invite members, change their roles and remove them.</span>
                </>
              )
        }
        actions={<InviteButton orgId={orgId} orgName={org.name} canManage={canManage} permissionNoteId={PERMISSION_NOTE} />}
      />
      <MemberList orgId={orgId} orgName={org.name} members={members} me={user.id} canManage={canManage} />
      <section aria-labelledby="pending-invitations" className="space-y-3">
        <h2 id="pending-invitations" className="text-base font-semibold text-neutral-900">
          Pending invitations
        </h2>
        <InvitationList orgId={orgId} invitations={invitations.items.map((i) => toInvitationResource(i))} canManage={canManage} />
      </section>
      <RoleGuide />
    </div>
  );
}
