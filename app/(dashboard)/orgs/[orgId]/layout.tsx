import { AppShell } from "@/components/shell/app-shell";
import { requireOrgPage } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { listOrganizationsForUser } from "@/lib/organizations";
import { listAutoDisabledEndpoints } from "@/lib/webhooks";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db, user, role } = await requireOrgPage(orgId);
  const [orgs, disabled] = await Promise.all([listOrganizationsForUser(db, user.id), listAutoDisabledEndpoints(db, orgId)]);
  const cfg = config();
  return (
    <AppShell
      orgId={orgId}
      orgs={orgs}
      user={{ email: user.email, name: user.name, role }}
      embeddedNotice={cfg.embedded && (cfg.allowHttpEndpoints || cfg.allowPrivateEndpoints)}
      disabledEndpoints={disabled.map((e) => ({ id: e.id, name: e.name, reason: e.disabledReason ?? "" }))}
    >
      {children}
    </AppShell>
  );
}
