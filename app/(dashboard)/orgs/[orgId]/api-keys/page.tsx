import { ApiKeyManager } from "@/components/api-keys/api-key-manager";
import { PageHeader } from "@/components/ui/card";
import { can, listApiKeys, toApiKeyResource } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";

export const metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db, role } = await requireOrgPage(orgId);
  const canManage = can({ kind: "role", role }, "api_keys:manage");
  const keys = canManage ? (await listApiKeys(db, orgId, { limit: 100 })).items.map(toApiKeyResource) : [];
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let CI systems and scripts call the REST API: send <code className="font-mono">Authorization: Bearer cc_live_…</code>.
            A key is shown once, when it is created.
          </>
        }
      />
      {canManage ? (
        <ApiKeyManager orgId={orgId} keys={keys} />
      ) : (
        <p role="note" className="rounded-md bg-neutral-100 px-4 py-3 text-sm text-neutral-700">
          Managing API keys needs the admin role: only admins and owners can see, create and revoke them. Ask one of them for a key.
        </p>
      )}
    </>
  );
}
