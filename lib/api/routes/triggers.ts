import { queueBuildInput } from "@/lib/builds";
import { projectSecretResource, triggerResult, triggerRulesInput, triggerRulesResource } from "@/lib/triggers";
import { defineRoutes } from "../route";

const tag = "Triggers";

export const triggerRoutes = defineRoutes({
  triggerBuild: {
    method: "POST",
    path: "/projects/{projectId}/trigger",
    summary: "Trigger a build from any CI (authenticated with the project's trigger secret, not an API key)",
    tag,
    auth: { projectSecret: "trigger" },
    body: queueBuildInput,
    example: { ref: "refs/heads/main", commit_sha: "9fceb02", platforms: ["macos", "windows"], formats: ["vst3", "au"], release_type: "patch" },
    status: 202,
    response: triggerResult,
  },
  getTriggerRules: {
    method: "GET",
    path: "/projects/{projectId}/trigger-rules",
    summary: "Get the GitHub push and release rules",
    tag,
    auth: { apiKey: "builds:read" },
    response: triggerRulesResource,
  },
  putTriggerRules: {
    method: "PUT",
    path: "/projects/{projectId}/trigger-rules",
    summary: "Replace the GitHub push and release rules",
    tag,
    auth: { apiKey: "webhooks:write" },
    body: triggerRulesInput,
    example: {
      rules: [
        {
          trigger: "push",
          enabled: true,
          branches: ["main", "release/*"],
          paths: { include: ["Source/**"], exclude: ["docs/**", "*.md"] },
          build_config: { platforms: ["macos", "windows"], formats: ["vst3", "au"], release_type: "dev", flags: {} },
        },
        { trigger: "release", enabled: true, release_types: ["published"], build_config: { release_type: "release" } },
      ],
    },
    response: triggerRulesResource,
  },
  revealTriggerSecret: {
    method: "GET",
    path: "/projects/{projectId}/trigger-secret",
    summary: "Reveal the trigger secret",
    tag,
    auth: { apiKey: "secrets:manage" },
    response: projectSecretResource,
    noStore: true,
  },
  rotateTriggerSecret: {
    method: "POST",
    path: "/projects/{projectId}/trigger-secret/rotate",
    summary: "Rotate the trigger secret",
    tag,
    auth: { apiKey: "secrets:manage" },
    response: projectSecretResource,
    noStore: true,
  },
  revealGithubSecret: {
    method: "GET",
    path: "/projects/{projectId}/github-secret",
    summary: "Reveal the GitHub webhook secret",
    tag,
    auth: { apiKey: "secrets:manage" },
    response: projectSecretResource,
    noStore: true,
  },
  rotateGithubSecret: {
    method: "POST",
    path: "/projects/{projectId}/github-secret/rotate",
    summary: "Rotate the GitHub webhook secret",
    tag,
    auth: { apiKey: "secrets:manage" },
    response: projectSecretResource,
    noStore: true,
  },
});
