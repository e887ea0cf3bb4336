// The event catalog (docs/delivery.md#events-and-messages): every event type with its description, the schema of its
// `data`, and an example. The UI, the API's validation, OpenAPI and docs all read it.
import { z } from "zod";

const artifact = z.object({
  platform: z.string(),
  format: z.string(),
  file_name: z.string(),
  file_size: z.number().int(),
  download_url: z.string(),
});

const projectRef = z.object({ id: z.string(), name: z.string() });

const build = z.object({
  id: z.string(),
  project_id: z.string(),
  number: z.number().int(),
  version: z.string().nullable(),
  status: z.string(),
  branch: z.string().nullable(),
  commit_sha: z.string().nullable(),
  source: z.string().optional(),
  platforms: z.array(z.string()),
  formats: z.array(z.string()),
  release_type: z.string().optional(),
  duration_seconds: z.number().int().nullable().optional(),
  artifacts: z.array(artifact).optional(),
  error_message: z.string().nullable().optional(),
  error_logs: z.string().nullable().optional(),
  failed_at_step: z.string().nullable().optional(),
});

const buildData = z.object({ build, project: projectRef });

const deployment = z.object({
  id: z.string(),
  project_id: z.string(),
  build_id: z.string(),
  build_number: z.number().int(),
  branch: z.string().nullable(),
  commit_sha: z.string().nullable(),
  commit_message: z.string().nullable(),
  environment: z.string(),
  status: z.string(),
  url: z.string().nullable(),
  error_message: z.string().nullable().optional(),
  created_by: z.string().nullable().optional(),
  created_at: z.string().optional(),
  finished_at: z.string().nullable().optional(),
});
const deploymentData = z.object({ deployment, project: projectRef });

const projectData = z.object({
  project: z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable().optional(),
    repository: z.string().nullable().optional(),
    default_branch: z.string().optional(),
  }),
});

const exampleProject = { id: "proj_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name: "MyPlugin" };
const exampleBuild = {
  id: "bld_01JH6ZB2C3D4E5F6G7H8J9K0MN",
  project_id: exampleProject.id,
  number: 5,
  version: "1.0.1",
  status: "succeeded",
  branch: "main",
  commit_sha: "9fceb02d0ae598e95dc970b74767f19372d61af8",
  source: "push",
  platforms: ["macos", "windows"],
  formats: ["vst3", "au"],
  release_type: "patch",
  duration_seconds: 245,
  artifacts: [
    {
      platform: "macos",
      format: "vst3",
      file_name: "MyPlugin.vst3",
      file_size: 5242880,
      download_url: "https://downloads.example.com/myplugin/5/MyPlugin.vst3",
    },
  ],
};
const exampleDeployment = {
  id: "dep_01JH6ZD4E5F6G7H8J9K0MNPQRS",
  project_id: exampleProject.id,
  build_id: exampleBuild.id,
  build_number: exampleBuild.number,
  branch: exampleBuild.branch,
  commit_sha: exampleBuild.commit_sha,
  commit_message: "Fix the filter's resonance at high sample rates",
  environment: "production",
  status: "succeeded",
  url: "https://myplugin.example.com",
  error_message: null,
  created_by: "jane@example.com",
  created_at: "2026-01-15T10:36:00.000Z",
  finished_at: "2026-01-15T10:37:12.000Z",
};

function buildExample(status: string, extra: Record<string, unknown> = {}) {
  const finished = status === "succeeded";
  const build = {
    ...exampleBuild,
    status,
    artifacts: finished ? exampleBuild.artifacts : [],
    duration_seconds: finished ? exampleBuild.duration_seconds : status === "failed" ? 96 : null,
    ...extra,
  };
  return { build, project: exampleProject };
}

type CatalogEntry = {
  type: string;
  group: "build" | "deployment" | "project" | "domain" | "endpoint" | "webhook";
  description: string;
  schema: z.ZodType;
  example: Record<string, unknown>;
};

export const EVENT_CATALOG = [
  { type: "build.queued", group: "build", description: "A build was created and waits for a runner.", schema: buildData, example: buildExample("queued") },
  { type: "build.started", group: "build", description: "A runner started the build.", schema: buildData, example: buildExample("started") },
  {
    type: "build.succeeded",
    group: "build",
    description: "The build finished; its artifacts are ready to download.",
    schema: buildData,
    example: buildExample("succeeded"),
  },
  {
    type: "build.failed",
    group: "build",
    description: "The build failed; the payload says where and why.",
    schema: buildData,
    example: buildExample("failed", {
      error_message: "CMake configuration failed",
      error_logs: "CMake Error at CMakeLists.txt:15 (find_package): Could not find JUCE…",
      failed_at_step: "configure",
    }),
  },
  { type: "build.cancelled", group: "build", description: "The build was cancelled before it finished.", schema: buildData, example: buildExample("cancelled") },
  {
    type: "build.superseded",
    group: "build",
    description: "A queued build was replaced by a newer build of the same branch.",
    schema: buildData,
    example: buildExample("superseded"),
  },
  {
    type: "deployment.created",
    group: "deployment",
    description: "A succeeded build is being deployed to an environment.",
    schema: deploymentData,
    example: { deployment: { ...exampleDeployment, status: "created", finished_at: null }, project: exampleProject },
  },
  {
    type: "deployment.succeeded",
    group: "deployment",
    description: "The deployment is live.",
    schema: deploymentData,
    example: { deployment: exampleDeployment, project: exampleProject },
  },
  {
    type: "deployment.failed",
    group: "deployment",
    description: "The deployment failed.",
    schema: deploymentData,
    example: { deployment: { ...exampleDeployment, status: "failed", error_message: "Health check timed out" }, project: exampleProject },
  },
  {
    type: "deployment.canceled",
    group: "deployment",
    description: "The deployment was canceled.",
    schema: deploymentData,
    example: { deployment: { ...exampleDeployment, status: "canceled" }, project: exampleProject },
  },
  {
    type: "project.created",
    group: "project",
    description: "A project was created.",
    schema: projectData,
    example: { project: { ...exampleProject, description: "An audio plugin", repository: "my-studio/myplugin", default_branch: "main" } },
  },
  {
    type: "project.updated",
    group: "project",
    description: "A project's settings changed.",
    schema: projectData,
    example: { project: { ...exampleProject, description: "An audio plugin", repository: "my-studio/myplugin", default_branch: "main" } },
  },
  { type: "project.deleted", group: "project", description: "A project was deleted.", schema: projectData, example: { project: exampleProject } },
  {
    type: "domain.added",
    group: "domain",
    description: "A custom domain was added to a project.",
    schema: z.object({ domain: z.object({ id: z.string(), hostname: z.string(), project_id: z.string() }), project: projectRef }),
    example: { domain: { id: "dom_01JH6ZF6G7H8J9K0MNPQRSTVWX", hostname: "myplugin.example.com", project_id: exampleProject.id }, project: exampleProject },
  },
  {
    type: "endpoint.disabled",
    group: "endpoint",
    description: "An endpoint was disabled automatically after failing continuously.",
    schema: z.object({
      endpoint: z.object({ id: z.string(), name: z.string(), disabled_reason: z.string(), failing_since: z.string().nullable() }),
    }),
    example: {
      endpoint: {
        id: "ep_01JH6ZG7H8J9K0MNPQRSTVWXYZ",
        name: "Release notifier",
        disabled_reason: "Every delivery failed for 5 days.",
        failing_since: "2026-01-10T10:00:00.000Z",
      },
    },
  },
  {
    type: "webhook.test",
    group: "webhook",
    description: "A test event, sent when you press Send test event.",
    schema: z.object({ message: z.string(), endpoint: z.object({ id: z.string(), name: z.string() }) }),
    example: {
      message: "This is a test event from Control Center. If you can read this, your endpoint works.",
      endpoint: { id: "ep_01JH6ZG7H8J9K0MNPQRSTVWXYZ", name: "Release notifier" },
    },
  },
] as const satisfies readonly CatalogEntry[];

export type EventType = (typeof EVENT_CATALOG)[number]["type"];
export const EVENT_TYPES = EVENT_CATALOG.map((e) => e.type) as [EventType, ...EventType[]];
export const eventTypeSchema = z.enum(EVENT_TYPES, {
  error: (issue) => `Unknown event type ${JSON.stringify(issue.input)}; see GET /api/v1/event-types.`,
});

export const EVENT_GROUPS = ["build", "deployment", "project", "domain", "endpoint", "webhook"] as const;

export function catalogEntry(type: EventType): CatalogEntry {
  return EVENT_CATALOG.find((e) => e.type === type)!;
}

/** Whether an endpoint subscribed to `subscribed` (empty = all) receives `type`. */
export function isSubscribed(subscribed: readonly string[], type: string): boolean {
  return subscribed.length === 0 || subscribed.includes(type);
}

export const eventTypeResource = z.object({
  type: z.enum(EVENT_TYPES),
  group: z.enum(EVENT_GROUPS),
  description: z.string(),
  example: z.unknown(),
  /** The JSON Schema of the event's `data`. */
  schema: z.unknown(),
});

export function toEventTypeResource(entry: (typeof EVENT_CATALOG)[number]): z.infer<typeof eventTypeResource> {
  return { type: entry.type, group: entry.group, description: entry.description, example: entry.example, schema: z.toJSONSchema(entry.schema) };
}
