// Request and resource schemas of builds, deployments and domains (the wire format).
import { z } from "zod";
import { platformName } from "@/lib/projects/schemas";

export const RELEASE_TYPES = ["dev", "patch", "minor", "major", "release"] as const;
export const BUILD_SOURCES = ["push", "release", "api", "dashboard"] as const;
export type BuildSource = (typeof BUILD_SOURCES)[number];
export const DEPLOY_ENVIRONMENTS = ["production", "preview"] as const;
export type DeployEnvironment = (typeof DEPLOY_ENVIRONMENTS)[number];

/** A build's configuration, as trigger rules and the trigger endpoint carry it (docs/triggers.md#trigger-rules). */
export const buildConfigSchema = z.object({
  platforms: z.array(platformName).min(1, "Choose at least one platform.").max(20),
  formats: z.array(platformName).max(20),
  release_type: z.enum(RELEASE_TYPES, { error: `Use one of ${RELEASE_TYPES.join(", ")}.` }),
  flags: z.record(z.string().min(1).max(64), z.boolean()).default({}),
});
export type BuildConfig = z.infer<typeof buildConfigSchema>;

const gitRef = z.string().trim().min(1).max(255).regex(/^[^\s~^:?*[\\]+$/, "Not a valid git ref.");

/** POST /api/v1/projects/{id}/builds and the dashboard's Queue build: unset fields come from the project. */
export const queueBuildInput = z.object({
  ref: gitRef.optional(),
  branch: gitRef.optional(),
  commit_sha: z.string().regex(/^[0-9a-f]{7,64}$/i, "Use a hexadecimal commit SHA.").optional(),
  commit_message: z.string().max(2000).optional(),
  version: z.string().trim().min(1).max(64).optional(),
  platforms: buildConfigSchema.shape.platforms.optional(),
  formats: buildConfigSchema.shape.formats.optional(),
  release_type: buildConfigSchema.shape.release_type.default("dev"),
  flags: z.record(z.string().min(1).max(64), z.boolean()).default({}),
});
export type QueueBuildInput = z.infer<typeof queueBuildInput>;

export const artifactInput = z.object({
  platform: platformName,
  format: platformName,
  file_name: z.string().trim().min(1).max(255),
  file_size: z.number().int().min(0),
  download_url: z.url({ protocol: /^https?$/, error: "Use an http(s) URL." }),
});

/** POST /api/v1/builds/{id}/status: what a runner reports. */
export const buildStatusInput = z
  .object({
    status: z.enum(["started", "succeeded", "failed", "cancelled"], { error: "Use started, succeeded, failed or cancelled." }),
    error_message: z.string().trim().min(1).max(2000).optional(),
    error_logs: z.string().optional(),
    failed_at_step: z.string().trim().min(1).max(100).optional(),
    artifacts: z.array(artifactInput).max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === "failed" && !v.error_message) {
      ctx.addIssue({ code: "custom", path: ["error_message"], message: "A failed build needs an error_message." });
    }
    if (v.artifacts && v.status !== "succeeded") {
      ctx.addIssue({ code: "custom", path: ["artifacts"], message: "Only a succeeded build has artifacts." });
    }
  });
export type BuildStatusInput = z.infer<typeof buildStatusInput>;

export const deployInput = z.object({
  environment: z.enum(DEPLOY_ENVIRONMENTS, { error: "Use production or preview." }),
});

export const hostnameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "Use a hostname such as plugin.example.com.");
export const addDomainInput = z.object({ hostname: hostnameSchema });

export const artifactResource = artifactInput.extend({ download_url: z.string() });

export const buildResource = z.object({
  id: z.string(),
  project_id: z.string(),
  number: z.number().int(),
  version: z.string().nullable(),
  status: z.string(),
  source: z.enum(BUILD_SOURCES),
  ref: z.string().nullable(),
  branch: z.string().nullable(),
  commit_sha: z.string().nullable(),
  commit_message: z.string().nullable(),
  platforms: z.array(z.string()),
  formats: z.array(z.string()),
  release_type: z.string(),
  flags: z.record(z.string(), z.boolean()),
  duration_seconds: z.number().int().nullable(),
  error_message: z.string().nullable(),
  error_logs: z.string().nullable(),
  failed_at_step: z.string().nullable(),
  artifacts: z.array(artifactResource),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type BuildResource = z.infer<typeof buildResource>;

export const deploymentResource = z.object({
  id: z.string(),
  project_id: z.string(),
  build_id: z.string(),
  environment: z.string(),
  status: z.string(),
  url: z.string().nullable(),
  error_message: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type DeploymentResource = z.infer<typeof deploymentResource>;

export const buildDetailResource = buildResource.extend({
  timeline: z.array(z.object({ status: z.string(), note: z.string().nullable(), at: z.string() })),
  deployments: z.array(deploymentResource),
});
export type BuildDetailResource = z.infer<typeof buildDetailResource>;

export const domainResource = z.object({ id: z.string(), project_id: z.string(), hostname: z.string(), verified: z.boolean(), created_at: z.string() });
export type DomainResource = z.infer<typeof domainResource>;
