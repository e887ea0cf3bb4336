// An invitation link (docs/security.md#members-and-invitations). Opening it never joins: signed
// in with the invited email, it shows the organization and the role with a Join button (a POST
// that accepts it and lands in the organization). Signed in as someone else: says so and
// offers to sign out. Signed out: sign up with the invited email, or sign in; either comes back
// here to confirm. Expired, revoked, used and unknown links each get their page.
import { AuthCard } from "@/components/auth/auth-card";
import { FormSubmit } from "@/components/auth/form-submit";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { acceptInvitationAction, signOutToInvitationAction } from "@/lib/actions/organizations";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getMembershipRole, invitationPath, ROLE_DESCRIPTIONS, viewInvitation, type InvitationView } from "@/lib/organizations";

export const metadata = { title: "Invitation", referrer: "no-referrer" };

type Pending = Extract<InvitationView, { organization: unknown }>;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const [view, user] = await Promise.all([viewInvitation(db, token), currentUser()]);

  if (view.status === "invalid") {
    return (
      <AuthCard title="This invitation link is not valid" subtitle="The link is incomplete, or it was never issued.">
        <p className="text-sm text-neutral-600">Check that you copied the whole link, or ask whoever invited you for a new invitation.</p>
        <Continue signedIn={Boolean(user)} />
      </AuthCard>
    );
  }

  const { organization, email, role, invitedBy } = view;
  if (view.status === "expired" || view.status === "revoked") {
    return (
      <AuthCard
        title={view.status === "expired" ? "This invitation has expired" : "This invitation was revoked"}
        subtitle={
          view.status === "expired"
            ? `The invitation of ${email} to ${organization.name} was valid until ${formatDate(view.expiresAt)}.`
            : view.withdrawn
              ? `The invitation of ${email} to ${organization.name} was withdrawn: ${invitedBy} can no longer invite to it.`
              : `The invitation of ${email} to ${organization.name} was withdrawn.`
        }
      >
        <p className="text-sm text-neutral-600">Ask {invitedBy} or another owner of {organization.name} for a new invitation.</p>
        <Continue signedIn={Boolean(user)} />
      </AuthCard>
    );
  }

  if (view.status === "accepted") {
    const member = user ? await getMembershipRole(db, organization.id, user.id) : null;
    return (
      <AuthCard title="This invitation was already used" subtitle={`An invitation link works once; this one let ${email} join ${organization.name}.`}>
        {member ? (
          <LinkButton href={`/orgs/${organization.id}`} className="w-full">
            Open {organization.name}
          </LinkButton>
        ) : (
          <>
            <p className="text-sm text-neutral-600">If that was not you, ask {invitedBy} or another owner for a new invitation.</p>
            <Continue signedIn={Boolean(user)} />
          </>
        )}
      </AuthCard>
    );
  }

  if (user && user.email.toLowerCase() === email) {
    return (
      <AuthCard title={`Join ${organization.name}?`} subtitle={<Invited view={view} />}>
        <div className="space-y-4 text-sm text-neutral-600">
          <p>
            <span className="font-medium text-neutral-900 capitalize">{role}s</span>: {ROLE_DESCRIPTIONS[role]}
          </p>
          <p>
            You are signed in as <strong className="text-neutral-900">{user.email}</strong>. Once you join, the owners of {organization.name}{" "}
            decide what you can do there; you can leave at any time.
          </p>
          <form action={acceptInvitationAction}>
            <input type="hidden" name="token" value={token} />
            <FormSubmit>
              Join {organization.name} as {article(role)} {role}
            </FormSubmit>
          </form>
          <LinkButton href="/" variant="secondary" className="w-full">
            Not now
          </LinkButton>
        </div>
      </AuthCard>
    );
  }

  if (user) {
    return (
      <AuthCard title="This invitation is for another email" subtitle={<Invited view={view} />}>
        <div className="space-y-4 text-sm text-neutral-600">
          <p>
            You are signed in as <strong className="text-neutral-900">{user.email}</strong>. Only{" "}
            <strong className="text-neutral-900">{email}</strong> can accept this invitation: sign out, then sign in or sign up with that
            email.
          </p>
          <form action={signOutToInvitationAction}>
            <input type="hidden" name="token" value={token} />
            <Button type="submit" className="w-full">
              Sign out and continue as {email}
            </Button>
          </form>
          <LinkButton href="/" variant="secondary" className="w-full">
            Stay signed in as {user.email}
          </LinkButton>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={`Join ${organization.name}`} subtitle={<Invited view={view} />}>
      <div className="space-y-4 text-sm text-neutral-600">
        <p>
          <span className="font-medium text-neutral-900 capitalize">{role}s</span>: {ROLE_DESCRIPTIONS[role]}
        </p>
        <p>Create an account with {email}, or sign in if you have one; then confirm to join. The link works once, until {formatDate(view.expiresAt)}.</p>
        <LinkButton href={`/sign-up?invite=${encodeURIComponent(token)}`} className="w-full">
          Create an account
        </LinkButton>
        <LinkButton href={`/sign-in?callbackUrl=${encodeURIComponent(invitationPath(token))}`} variant="secondary" className="w-full">
          I have an account: sign in
        </LinkButton>
      </div>
    </AuthCard>
  );
}

function Invited({ view }: { view: Pending }) {
  return (
    <>
      {view.invitedBy} invited <strong className="text-neutral-900">{view.email}</strong> to join{" "}
      <strong className="text-neutral-900">{view.organization.name}</strong> as {article(view.role)} <strong className="text-neutral-900">{view.role}</strong>.
    </>
  );
}

function Continue({ signedIn }: { signedIn: boolean }) {
  return (
    <LinkButton href={signedIn ? "/" : "/sign-in"} variant="secondary" className="mt-4 w-full">
      {signedIn ? "Go to Control Center" : "Sign in"}
    </LinkButton>
  );
}

const article = (role: string) => (role === "owner" || role === "admin" ? "an" : "a");

function formatDate(date: Date): string {
  return date.toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}
