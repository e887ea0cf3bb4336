// Every /api/v1 route, described once: method, path, permission, request and response
// schemas. The route files under app/api/v1 are built from these (./handle.ts), the OpenAPI
// document lists them (../openapi.ts), and a test checks each has its route file.
import type { RouteSpec } from "../route";
import { apiKeyRoutes } from "./api-keys";
import { auditRoutes } from "./audit";
import { buildRoutes } from "./builds";
import { deliveryRoutes } from "./deliveries";
import { deploymentRoutes } from "./deployments";
import { inboxRoutes } from "./inboxes";
import { memberRoutes } from "./members";
import { projectRoutes } from "./projects";
import { triggerRoutes } from "./triggers";
import { webhookRoutes } from "./webhooks";

export const routes = {
  ...webhookRoutes,
  ...deliveryRoutes,
  ...inboxRoutes,
  ...projectRoutes,
  ...buildRoutes,
  ...deploymentRoutes,
  ...triggerRoutes,
  ...apiKeyRoutes,
  ...memberRoutes,
  ...auditRoutes,
};

export const ROUTES: RouteSpec[] = Object.values(routes);
