import { z } from "zod";
import { patchSchema } from "@/lib/validation";

// Platforms and formats are open-ended (macos, windows, linux…; vst3, au, aax, standalone…).
export const platformName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "Use lowercase letters, digits, - or _ (e.g. macos, vst3).");

/** A build's release type; a project's default one fills in for triggers that leave it out. */
export const RELEASE_TYPES = ["dev", "patch", "minor", "major", "release"] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];
export const releaseTypeSchema = z.enum(RELEASE_TYPES, { error: `Use one of ${RELEASE_TYPES.join(", ")}.` });

/** At most this many default flags per project. */
export const MAX_DEFAULT_FLAGS = 50;
const FLAG_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A project's default flags: named booleans (identifiers like enableActivationKeys), at most MAX_DEFAULT_FLAGS. */
export const defaultFlagsSchema = z
  .record(z.string().regex(FLAG_NAME, "Flag names are identifiers like enableActivationKeys (a letter, then letters, digits or _; at most 64)."), z.boolean({ error: "Flag values are true or false." }))
  .refine((flags) => Object.keys(flags).length <= MAX_DEFAULT_FLAGS, `At most ${MAX_DEFAULT_FLAGS} flags.`);

const branchName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^\s~^:?*[\\]+$/, "Not a valid git branch name.");

const projectFields = {
  name: z.string().trim().min(1, "Give the project a name.").max(100),
  description: z.string().trim().max(500).nullable(),
  repository: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "Use the GitHub form owner/repository.")
    .nullable(),
  default_branch: branchName,
  default_platforms: z.array(platformName).max(20),
  default_formats: z.array(platformName).max(20),
  default_release_type: releaseTypeSchema,
  default_flags: defaultFlagsSchema,
};

export const createProjectInput = z.object({
  ...projectFields,
  description: projectFields.description.optional(),
  repository: projectFields.repository.optional(),
  default_branch: projectFields.default_branch.default("main"),
  default_platforms: projectFields.default_platforms.default(["macos", "windows"]),
  default_formats: projectFields.default_formats.default([]),
  // Left out: dev and no flags (createProject fills them in).
  default_release_type: projectFields.default_release_type.optional(),
  default_flags: projectFields.default_flags.optional(),
});
export type CreateProjectInput = z.infer<typeof createProjectInput>;

// No defaults here: a PATCH changes only the fields it sends. trigger_body_signature changes how
// the trigger authenticates, so only an update can turn it on, and only with secrets:manage.
export const updateProjectInput = patchSchema({
  ...projectFields,
  trigger_body_signature: z
    .boolean({ error: "trigger_body_signature is true or false." })
    .describe("Accept X-Signature: sha256=HMAC(trigger secret, body) without X-Timestamp on the trigger endpoint. Needs the admin role (or an `admin` key)."),
});
export type UpdateProjectInput = z.infer<typeof updateProjectInput>;

export const projectResource = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string().nullable(),
  repository: z.string().nullable(),
  default_branch: z.string(),
  default_platforms: z.array(z.string()),
  default_formats: z.array(z.string()),
  default_release_type: z.enum(RELEASE_TYPES),
  default_flags: z.record(z.string(), z.boolean()),
  trigger_body_signature: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ProjectResource = z.infer<typeof projectResource>;
