// Inputs and wire resources of organizations, members and invitations (snake_case, the API's
// names: docs/security.md#members-and-invitations).
import { z } from "zod";
import { ROLES } from "./roles";

export const roleSchema = z.enum(ROLES);

const email = z
  .email("Enter a valid email address.")
  .max(254, "An email address has at most 254 characters.")
  .transform((e) => e.toLowerCase());

export const invitationInput = z.object({ email, role: roleSchema });
export type InvitationInput = z.infer<typeof invitationInput>;

export const memberRoleInput = z.object({ role: roleSchema });

export const organizationNameInput = z.object({
  name: z.string().trim().min(1, "Give the organization a name.").max(100, "Use at most 100 characters."),
});

export const deleteOrganizationInput = z.object({
  confirm_name: z.string().max(200),
});

export const memberResource = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
  joined_at: z.string(),
});
export type MemberResource = z.infer<typeof memberResource>;

export const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;

export const invitationResource = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(INVITATION_STATUSES),
  /** Who invited: a member's email or `API key "…"`. */
  invited_by: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
});
export type InvitationResource = z.infer<typeof invitationResource>;

export const MAIL_STATUSES = ["sent", "failed", "off"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** The answer to creating an invitation: the only one that carries the link. */
export const createdInvitationResource = invitationResource.extend({
  url: z.string(),
  /** Whether the link was mailed: `off` without SMTP_URL, `failed` when the mail server refused (the invitation stands). */
  mail_status: z.enum(MAIL_STATUSES),
  mail_error: z.string().nullable(),
});
