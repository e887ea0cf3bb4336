import {
  artifactDownloadList,
  artifactResource,
  buildDetailResource,
  buildResource,
  buildStatusInput,
  deployInput,
  deploymentResource,
  queueBuildInput,
} from "@/lib/builds";
import { pageQuerySchema } from "@/lib/validation";
import { defineRoutes, listOf } from "../route";

const tag = "Builds";

export const buildRoutes = defineRoutes({
  listBuilds: {
    method: "GET",
    path: "/projects/{projectId}/builds",
    summary: "List a project's builds",
    tag,
    auth: { apiKey: "builds:read" },
    query: pageQuerySchema,
    response: listOf(buildResource),
  },
  queueBuild: {
    method: "POST",
    path: "/projects/{projectId}/builds",
    summary: "Queue a build",
    tag,
    auth: { apiKey: "builds:write" },
    body: queueBuildInput,
    example: { ref: "refs/heads/main", commit_sha: "9fceb02", release_type: "patch" },
    status: 201,
    response: buildResource,
  },
  getBuild: {
    method: "GET",
    path: "/builds/{buildId}",
    summary: "Get a build with its timeline and deployments",
    tag,
    auth: { apiKey: "builds:read" },
    response: buildDetailResource,
  },
  reportBuildStatus: {
    method: "POST",
    path: "/builds/{buildId}/status",
    summary: "Report a build's progress (runners)",
    tag,
    auth: { apiKey: "builds:write" },
    body: buildStatusInput,
    example: { status: "started" },
    response: buildDetailResource,
  },
  cancelBuild: {
    method: "POST",
    path: "/builds/{buildId}/cancel",
    summary: "Cancel a queued or running build",
    tag,
    auth: { apiKey: "builds:write" },
    response: buildDetailResource,
  },
  deployBuild: {
    method: "POST",
    path: "/builds/{buildId}/deploy",
    summary: "Deploy a succeeded build",
    tag,
    auth: { apiKey: "builds:write" },
    body: deployInput,
    example: { environment: "production" },
    status: 201,
    response: deploymentResource,
  },
  listBuildArtifacts: {
    method: "GET",
    path: "/builds/{buildId}/artifacts",
    summary: "List a build's artifacts",
    tag,
    auth: { apiKey: "builds:read" },
    response: listOf(artifactResource),
  },
  downloadBuildArtifacts: {
    method: "GET",
    path: "/builds/{buildId}/download/{target}",
    summary: "Download a build's artifact for a platform (e.g. macos), or all of them",
    tag,
    auth: { apiKey: "builds:read" },
    redirect:
      "Exactly one artifact matches: Location is its download URL (follow it, e.g. `curl -L`). `404` when the build has not succeeded or has no artifact for the platform. " +
      "`409 conflict` when that artifact's stored download URL is not allowed (not https, credentials, a private, loopback, link-local or metadata address, or a local name; stored before these rules existed): it is never redirected to.",
    response: artifactDownloadList.describe("Several artifacts match (`all`, or a platform with several formats): the list, each with its download_url."),
  },
});
