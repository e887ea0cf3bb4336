// Every React Query key of the dashboard, in one place: lists are keyed under a prefix that
// mutations invalidate (queryKeys.webhooks(orgId) covers every endpoint list of the org).
export const queryKeys = {
  webhooks: (orgId: string) => ["webhooks", orgId] as const,
  webhookList: (orgId: string, projectId?: string) => ["webhooks", orgId, projectId ?? null] as const,
  deliveries: (orgId: string) => ["deliveries", orgId] as const,
  deliveryList: (orgId: string, projectId: string | undefined, filters: Record<string, string>) =>
    ["deliveries", orgId, projectId ?? null, filters] as const,
  delivery: (orgId: string, deliveryId: string | null) => ["delivery", orgId, deliveryId] as const,
  // Under the deliveries prefix: whatever sends or resends (test events, resends, recoveries)
  // refreshes the endpoint's health too.
  endpointHealth: (orgId: string, endpointId: string, window: string) => ["deliveries", orgId, "health", endpointId, window] as const,
  endpointNames: (orgId: string) => ["endpoint-names", orgId] as const,
  inboxes: (orgId: string) => ["inboxes", orgId] as const,
  inboxRequests: (orgId: string, inboxId: string, webhookId: string | null) => ["inboxes", orgId, "requests", inboxId, webhookId] as const,
  builds: (orgId: string, projectId: string) => ["builds", orgId, projectId] as const,
  build: (orgId: string, buildId: string) => ["build", orgId, buildId] as const,
  auditLogList: (orgId: string, filters: Record<string, string>) => ["audit-log", orgId, filters] as const,
  deployments: (orgId: string, projectId: string) => ["deployments", orgId, projectId] as const,
  domains: (orgId: string, projectId: string) => ["domains", orgId, projectId] as const,
};
