import { z } from "zod";
import { patchSchema } from "@/lib/validation";

// Platforms and formats are open-ended (macos, windows, linux…; vst3, au, aax, standalone…).
export const platformName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "Use lowercase letters, digits, - or _ (e.g. macos, vst3).");

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
};

export const createProjectInput = z.object({
  ...projectFields,
  description: projectFields.description.optional(),
  repository: projectFields.repository.optional(),
  default_branch: projectFields.default_branch.default("main"),
  default_platforms: projectFields.default_platforms.default(["macos", "windows"]),
  default_formats: projectFields.default_formats.default([]),
});
export type CreateProjectInput = z.infer<typeof createProjectInput>;

// No defaults here: a PATCH changes only the fields it sends.
export const updateProjectInput = patchSchema(projectFields);
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
  created_at: z.string(),
  updated_at: z.string(),
});
export type ProjectResource = z.infer<typeof projectResource>;
