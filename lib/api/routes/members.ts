import { z } from "zod";
import { createdInvitationResource, invitationInput, invitationResource, memberResource, memberRoleInput } from "@/lib/organizations";
import { pageQuerySchema } from "@/lib/validation";
import { defineRoutes, listOf } from "../route";

const tag = "Members";

export const memberRoutes = defineRoutes({
  listMembers: {
    method: "GET",
    path: "/members",
    summary: "List the organization's members",
    tag,
    auth: { apiKey: "members:read" },
    query: pageQuerySchema,
    response: listOf(memberResource),
  },
  updateMember: {
    method: "PATCH",
    path: "/members/{userId}",
    summary: "Change a member's role (API keys never make or demote owners; the last owner stays)",
    tag,
    auth: { apiKey: "members:manage" },
    body: memberRoleInput,
    example: { role: "viewer" },
    response: memberResource,
  },
  removeMember: {
    method: "DELETE",
    path: "/members/{userId}",
    summary: "Remove a member (API keys never remove owners; the last owner stays)",
    tag,
    auth: { apiKey: "members:manage" },
    response: memberResource.extend({ deleted: z.literal(true) }),
  },
  listInvitations: {
    method: "GET",
    path: "/invitations",
    summary: "List pending invitations",
    tag,
    auth: { apiKey: "members:read" },
    query: pageQuerySchema,
    response: listOf(invitationResource),
  },
  createInvitation: {
    method: "POST",
    path: "/invitations",
    summary: "Invite someone by email (the link is in this response only)",
    tag,
    auth: { apiKey: "members:manage" },
    body: invitationInput,
    example: { email: "ada@example.com", role: "developer" },
    status: 201,
    response: createdInvitationResource,
    noStore: true,
  },
  revokeInvitation: {
    method: "DELETE",
    path: "/invitations/{invitationId}",
    summary: "Revoke an invitation",
    tag,
    auth: { apiKey: "members:manage" },
    response: invitationResource.extend({ deleted: z.literal(true) }),
  },
});
