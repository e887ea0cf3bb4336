"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/actions/members";
import { leaveOrganizationAction } from "@/lib/actions/organizations";
import { ROLES, type Role } from "@/lib/organizations/roles";
import type { MemberResource } from "@/lib/organizations/schemas";

const roleLabel = (role: Role) => role[0].toUpperCase() + role.slice(1);

/** The members table: owners change roles and remove members; everyone can leave. */
export function MemberList({
  orgId,
  orgName,
  members,
  me,
  canManage,
}: {
  orgId: string;
  orgName: string;
  members: MemberResource[];
  me: string;
  canManage: boolean;
}) {
  const router = useRouter();
  const [removing, setRemoving] = useState<MemberResource | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [demotingSelf, setDemotingSelf] = useState<Role | null>(null);

  const changeRole = useActionMutation((input: { userId: string; role: Role }) => changeMemberRoleAction(orgId, input), {
    onSuccess: (member) => {
      setDemotingSelf(null);
      toast.success(`${member.name ?? member.email} is now ${member.role === "owner" || member.role === "admin" ? "an" : "a"} ${member.role}`);
      router.refresh();
    },
    onError: (error) => {
      setDemotingSelf(null);
      toast.error(error.message);
      router.refresh();
    },
  });
  const remove = useActionMutation((member: MemberResource) => removeMemberAction(orgId, { userId: member.user_id }), {
    onSuccess: (member) => {
      setRemoving(null);
      toast.success(`${member.name ?? member.email} was removed from ${orgName}`);
      router.refresh();
    },
  });
  const leave = useActionMutation(() => leaveOrganizationAction(orgId, {}), {
    onSuccess: ({ next }) => {
      toast.success(`You left ${orgName}`);
      router.push(next);
      router.refresh();
    },
    onError: (error) => {
      setLeaving(false);
      toast.error(error.message);
    },
  });

  function onRoleChange(member: MemberResource, role: Role) {
    if (member.user_id === me && member.role === "owner" && role !== "owner") setDemotingSelf(role);
    else changeRole.mutate({ userId: member.user_id, role });
  }

  return (
    <>
      <Table label="Members" columns={["Name", "Email", "Role", "Member since", { label: "Actions", srOnly: true }]}>
        {members.map((m) => {
          const self = m.user_id === me;
          return (
            <tr key={m.user_id}>
              <Td className="font-medium text-neutral-900">
                {m.name ?? "—"} {self && <Badge className="ml-1">you</Badge>}
              </Td>
              <Td>{m.email}</Td>
              <Td>
                {canManage ? (
                  <Select
                    compact
                    aria-label={`Role of ${m.name ?? m.email}`}
                    value={m.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => onRoleChange(m, e.target.value as Role)}
                    className="w-32"
                    options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
                  />
                ) : (
                  <StatusBadge status={m.role} />
                )}
              </Td>
              <Td>
                <RelativeTime date={m.joined_at} />
              </Td>
              <Td className="text-right">
                {self ? (
                  <Button variant="ghost" size="sm" onClick={() => setLeaving(true)}>
                    Leave
                  </Button>
                ) : (
                  canManage && (
                    <Button variant="ghost" size="sm" onClick={() => setRemoving(m)} aria-label={`Remove ${m.name ?? m.email}`}>
                      Remove
                    </Button>
                  )
                )}
              </Td>
            </tr>
          );
        })}
      </Table>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing)}
        pending={remove.isPending}
        title="Remove member?"
        description={
          <>
            <strong className="text-neutral-900">{removing?.name ?? removing?.email}</strong> loses access to {orgName} at once. API keys they
            created keep working until revoked. You can invite them again later.
          </>
        }
        confirmLabel="Remove member"
      />
      <ConfirmDialog
        open={leaving}
        onClose={() => setLeaving(false)}
        onConfirm={() => leave.mutate()}
        pending={leave.isPending}
        title={`Leave ${orgName}?`}
        description="You lose access to its projects, endpoints and deliveries at once. To come back, an owner has to invite you again."
        confirmLabel="Leave organization"
      />
      <ConfirmDialog
        open={demotingSelf !== null}
        onClose={() => {
          setDemotingSelf(null);
          router.refresh();
        }}
        onConfirm={() => demotingSelf && changeRole.mutate({ userId: me, role: demotingSelf })}
        pending={changeRole.isPending}
        title="Give up your owner role?"
        description={`You become ${demotingSelf === "admin" ? "an" : "a"} ${demotingSelf} and can no longer manage members or delete ${orgName}. Only another owner can make you an owner again.`}
        confirmLabel={`Become ${demotingSelf ?? ""}`}
      />
    </>
  );
}
