import { DeliveryLog } from "@/components/deliveries/delivery-log";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { listEndpointNames } from "@/lib/webhooks";

export const metadata = { title: "Deliveries" };

export default async function DeliveriesPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db, role } = await requireOrgPage(orgId, "webhooks:read");
  const endpoints = await listEndpointNames(db, orgId);
  const canResend = can({ kind: "role", role }, "deliveries:write");
  return (
    <>
      <PageHeader
        title="Deliveries"
        description={`Every event sent to your endpoints, with each attempt's request and response. Retried automatically${
          canResend ? "; resend by hand from a delivery's details." : "."
        }`}
      />
      <DeliveryLog orgId={orgId} endpoints={endpoints} canResend={canResend} />
    </>
  );
}
