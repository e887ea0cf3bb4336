// Wire shapes of the trigger routes: the manual trigger's answer and a revealed project secret.
import { z } from "zod";
import { BUILD_STATUSES } from "@/lib/builds";

/** 202 answer of the manual trigger: the build it queued (or, for a repeated Idempotency-Key, queued before). */
export const triggerResult = z.object({ build_id: z.string(), status: z.enum(BUILD_STATUSES) });

/** A revealed or rotated project secret (trigger or GitHub). */
export const projectSecretResource = z.object({ secret: z.string() });
