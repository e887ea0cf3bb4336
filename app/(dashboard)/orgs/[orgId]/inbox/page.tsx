import { InboxWorkbench } from "@/components/inbox/inbox-workbench";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { endpointIdsByInboxUrl, listEndpointNames, listInboxes, toInboxResource } from "@/lib/webhooks";

export const metadata = { title: "Test inbox" };

export default async function InboxPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db, role } = await requireOrgPage(orgId, "webhooks:read");
  const [inboxes, endpoints] = await Promise.all([listInboxes(db, orgId, { limit: 50 }), listEndpointNames(db, orgId)]);
  const endpointByInboxUrl = await endpointIdsByInboxUrl(db, orgId, inboxes.items);
  return (
    <>
      <PageHeader
        title="Test inbox"
        description="See your endpoints' deliveries without running a server: point an endpoint at an inbox URL and every signed request it sends shows up here, with its headers, body and whether the signature verifies."
      />
      <InboxWorkbench
        orgId={orgId}
        initialInboxes={inboxes.items.map(toInboxResource)}
        endpoints={endpoints}
        endpointByInboxUrl={endpointByInboxUrl}
        canWrite={can({ kind: "role", role }, "webhooks:write")}
      />
    </>
  );
}
