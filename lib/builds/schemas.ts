// Request and resource schemas of builds, deployments and domains (the wire format).
import { z } from "zod";
import { platformName, RELEASE_TYPES } from "@/lib/projects/schemas";
import { artifactUrlProblem } from "@/lib/webhooks/url-policy";

// Release types belong to projects (a project has a default one); builds use the same list.
export { RELEASE_TYPES };
export const BUILD_SOURCES = ["push", "release", "api", "dashboard"] as const;
export type BuildSource = (typeof BUILD_SOURCES)[number];
export const DEPLOY_ENVIRONMENTS = ["production", "preview"] as const;
export type DeployEnvironment = (typeof DEPLOY_ENVIRONMENTS)[number];
/** `created` while the deployer works; the other three are final. */
export const DEPLOYMENT_STATUSES = ["created", "succeeded", "failed", "canceled"] as const;
export const DEPLOYMENT_OUTCOMES = ["succeeded", "failed", "canceled"] as const;

/** A build's configuration, as trigger rules and the trigger endpoint carry it (docs/triggers.md#trigger-rules). */
export const buildConfigSchema = z.object({
  platforms: z.array(platformName).min(1, "Choose at least one platform.").max(20),
  formats: z.array(platformName).max(20),
  release_type: z.enum(RELEASE_TYPES, { error: `Use one of ${RELEASE_TYPES.join(", ")}.` }),
  flags: z.record(z.string().min(1).max(64), z.boolean()).default({}),
});
export type BuildConfig = z.infer<typeof buildConfigSchema>;

const gitRef = z.string().trim().min(1).max(255).regex(/^[^\s~^:?*[\\]+$/, "Not a valid git ref.");

/**
 * POST /api/v1/projects/{id}/builds, the manual trigger and the dashboard's Queue build: unset
 * fields come from the project (buildRequestFromInput; flags are added to the project's).
 */
export const queueBuildInput = z.object({
  ref: gitRef.optional(),
  branch: gitRef.optional(),
  commit_sha: z.string().regex(/^[0-9a-f]{7,64}$/i, "Use a hexadecimal commit SHA.").optional(),
  commit_message: z.string().max(2000).optional(),
  version: z.string().trim().min(1).max(64).optional(),
  platforms: buildConfigSchema.shape.platforms.optional(),
  formats: buildConfigSchema.shape.formats.optional(),
  release_type: buildConfigSchema.shape.release_type.optional(),
  flags: z.record(z.string().min(1).max(64), z.boolean()).optional(),
});
export type QueueBuildInput = z.infer<typeof queueBuildInput>;

/**
 * Where an artifact is downloaded from: an https URL on a public host, without credentials
 * (artifactUrlProblem, the endpoint URL rules with nothing allowed: docs/security.md#artifact-urls).
 */
export const artifactDownloadUrl = z
  .string({ error: "Use an https:// URL." })
  .superRefine((value, ctx) => {
    const problem = artifactUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const artifactInput = z.object({
  platform: platformName,
  format: platformName,
  file_name: z.string().trim().min(1).max(255),
  file_size: z.number().int().min(0),
  download_url: artifactDownloadUrl,
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

/** Where a deployment is live: an https URL without credentials. */
export const deploymentUrl = z
  .string()
  .trim()
  .max(2048, "Use a URL of at most 2,048 characters.")
  .superRefine((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    if (!url || url.protocol !== "https:" || !/^https:\/\//i.test(value) || !url.hostname) {
      ctx.addIssue({ code: "custom", message: "Use an https URL such as https://myplugin.example.com." });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "A deployment URL cannot contain credentials." });
    }
  });

/** POST /api/v1/deployments/{id}/status: what a deployer reports when the deployment ends. */
export const deploymentStatusInput = z
  .object({
    status: z.enum(DEPLOYMENT_OUTCOMES, { error: "Use succeeded, failed or canceled." }),
    url: deploymentUrl.optional(),
    error_message: z.string().trim().min(1).max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.error_message && v.status !== "failed") {
      ctx.addIssue({ code: "custom", path: ["error_message"], message: "Only a failed deployment has an error_message." });
    }
  });
export type DeploymentStatusInput = z.input<typeof deploymentStatusInput>;

/** What GET /api/v1/builds/{id}/download/{target} names: a platform ("macos") or "all". */
export const downloadTarget = z.union([z.literal("all"), platformName]);

/** Why `host` (trimmed, lower-cased) is not a custom domain's hostname, or null when it is one. */
function hostnameProblem(host: string): string | null {
  if (host === "") return "Enter a hostname such as plugin.example.com.";
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) return "Enter the hostname only, without http:// or https:// (plugin.example.com).";
  if (host.startsWith("[") || /^[0-9a-f]*:[0-9a-f:.]*$/.test(host)) return "Use a domain name, not an IP address.";
  if (/[/?#]/.test(host)) return "Enter the hostname only, without a path (plugin.example.com).";
  if (host.includes("@")) return "Enter the hostname only, without a user name (plugin.example.com).";
  if (/:\d*$/.test(host)) return "Enter the hostname only, without a port (plugin.example.com).";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return "Use a domain name, not an IP address.";
  if (host.length > 253) return "A hostname is at most 253 characters.";
  if (/[^a-z0-9.-]/.test(host)) {
    return /[^\x00-\x7f]/.test(host)
      ? "Use letters a–z, digits, hyphens and dots; write an internationalized name in its xn-- form."
      : "Use letters a–z, digits, hyphens and dots only (no spaces, underscores or wildcards).";
  }
  const labels = host.split(".");
  if (labels.length < 2) return "Use a full hostname with at least one dot, such as plugin.example.com.";
  if (labels.some((label) => label === "")) return "A hostname cannot start or end with a dot or have two dots in a row.";
  if (labels.some((label) => label.length > 63)) return "Each part between dots is at most 63 characters.";
  if (labels.some((label) => label.startsWith("-") || label.endsWith("-"))) return "A part between dots cannot start or end with a hyphen.";
  if (/^\d+$/.test(labels[labels.length - 1])) return "The last part of a hostname cannot be all digits.";
  return null;
}

/**
 * A custom domain's hostname: a DNS name, lower-cased (plugin.example.com), with no scheme,
 * path or port; at least one dot; each label 1–63 characters, at most 253 in all; not an IP address.
 */
export const hostnameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((host, ctx) => {
    const problem = hostnameProblem(host);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
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
  build_number: z.number().int(),
  branch: z.string().nullable(),
  commit_sha: z.string().nullable(),
  commit_message: z.string().nullable(),
  environment: z.string(),
  status: z.enum(DEPLOYMENT_STATUSES),
  url: z.string().nullable(),
  error_message: z.string().nullable(),
  /** Who deployed it: a member's email, `API key "…"`, or "Demo runner". */
  created_by: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type DeploymentResource = z.infer<typeof deploymentResource>;

/** GET /api/v1/builds/{id}/download/{target} when several artifacts match: the list, not a redirect. */
export const artifactDownloadList = z.object({ build_id: z.string(), artifacts: z.array(artifactResource) });
export type ArtifactDownloadList = z.infer<typeof artifactDownloadList>;

export const buildDetailResource = buildResource.extend({
  timeline: z.array(z.object({ status: z.string(), note: z.string().nullable(), at: z.string() })),
  deployments: z.array(deploymentResource),
});
export type BuildDetailResource = z.infer<typeof buildDetailResource>;

export const domainResource = z.object({ id: z.string(), project_id: z.string(), hostname: z.string(), verified: z.boolean(), created_at: z.string() });
export type DomainResource = z.infer<typeof domainResource>;
