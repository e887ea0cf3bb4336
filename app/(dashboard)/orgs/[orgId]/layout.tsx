import { AppShell } from "@/components/shell/app-shell";
import { requireOrgPage } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { listOrganizationsForUser } from "@/lib/organizations";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db, user, role } = await requireOrgPage(orgId);
  const orgs = await listOrganizationsForUser(db, user.id);
  const cfg = config();
  return (
    <AppShell
      orgId={orgId}
      orgs={orgs}
      user={{ email: user.email, name: user.name, role }}
      embeddedNotice={cfg.embedded && (cfg.allowHttpEndpoints || cfg.allowPrivateEndpoints)}
    >
      {children}
    </AppShell>
  );
}
