import { deploymentResource, deploymentStatusInput } from "@/lib/builds";
import { pageQuerySchema } from "@/lib/validation";
import { defineRoutes, listOf } from "../route";

const tag = "Deployments";

export const deploymentRoutes = defineRoutes({
  listProjectDeployments: {
    method: "GET",
    path: "/projects/{projectId}/deployments",
    summary: "List a project's deployments",
    tag,
    auth: { apiKey: "builds:read" },
    query: pageQuerySchema,
    response: listOf(deploymentResource),
  },
  getDeployment: {
    method: "GET",
    path: "/deployments/{deploymentId}",
    summary: "Get a deployment",
    tag,
    auth: { apiKey: "builds:read" },
    response: deploymentResource,
  },
  reportDeploymentStatus: {
    method: "POST",
    path: "/deployments/{deploymentId}/status",
    summary: "Report how a deployment ended (deployers)",
    tag,
    auth: { apiKey: "builds:write" },
    body: deploymentStatusInput,
    example: { status: "succeeded", url: "https://myplugin.example.com" },
    response: deploymentResource,
  },
});
