// The audit log's filters and its wire shape (docs/security.md#audit-log).
import { z } from "zod";
import { isPublicId } from "@/lib/db";
import { pageQuerySchema } from "@/lib/validation";

const WORD = "[a-z][a-z0-9_]*";
const ACTION = new RegExp(`^${WORD}(?:\\.${WORD})*$`);
const ACTION_PREFIX = new RegExp(`^${WORD}(?:\\.${WORD})*\\.\\*$`);

/** An action filter: an exact action ("endpoint.created") or a prefix ending in ".*" ("endpoint.*"). */
export function isActionFilter(value: string): boolean {
  return value.length <= 100 && (ACTION.test(value) || ACTION_PREFIX.test(value));
}

/** The prefix an action filter stands for ("endpoint.*" → "endpoint."), or null for an exact action. */
export function actionPrefixOf(filter: string): string | null {
  return filter.endsWith(".*") ? filter.slice(0, -1) : null;
}

const isoDate = z.iso.datetime({ offset: true, message: "Use an ISO-8601 date-time, e.g. 2026-01-15T10:35:00Z." });

export const auditListQuery = pageQuerySchema
  .extend({
    actor: z
      .string()
      .max(100)
      .refine((v) => v === "system" || isPublicId(v), {
        message: "Use a user id (usr_…), an API key id (key_…) or `system`.",
      })
      .optional(),
    action: z
      .string()
      .refine(isActionFilter, { message: "Use an action such as `endpoint.created`, or a prefix ending in `.*` such as `endpoint.*`." })
      .optional(),
    resource_id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, "Use the id of the object the action was on, e.g. ep_01JH6ZG7H8J9K0MNPQRSTVWXYZ.")
      .optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
  })
  .refine((q) => !q.since || !q.until || new Date(q.until) > new Date(q.since), { message: "`until` must be after `since`.", path: ["until"] });
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditActorTypeSchema = z.enum(["user", "api_key", "system"]);

export const auditEntryResource = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.object({ type: auditActorTypeSchema, id: z.string().nullable(), label: z.string() }),
  resource: z.object({ type: z.string(), id: z.string().nullable() }),
  metadata: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  created_at: z.string(),
});
export type AuditEntryResource = z.infer<typeof auditEntryResource>;
