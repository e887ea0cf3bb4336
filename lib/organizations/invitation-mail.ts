// The invitation mail: who invites the reader to which organization in which role, and the link.
import type { Mail } from "@/lib/mail";
import type { Role } from "./roles";

const ARTICLE: Record<Role, string> = { owner: "an owner", admin: "an admin", developer: "a developer", viewer: "a viewer" };

export function invitationMail(details: { to: string; organization: string; role: Role; inviter: string; url: string; expiresAt: Date }): Mail {
  const inviter = details.inviter.startsWith("API key") ? `Someone (through ${details.inviter})` : details.inviter;
  return {
    to: details.to,
    subject: `${inviter} invited you to ${details.organization} on Control Center`,
    text: [
      `${inviter} invited you to join ${details.organization} on Control Center as ${ARTICLE[details.role]}.`,
      "",
      "Accept the invitation:",
      details.url,
      "",
      `The link works once, for ${details.to}, until ${details.expiresAt.toUTCString()}.`,
      "If you did not expect this invitation, ignore this mail.",
    ].join("\n"),
  };
}
