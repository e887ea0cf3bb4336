import type { FieldError } from "@/lib/errors";

/** Field errors of an action result, keyed by top-level field, first message wins. */
export function byField(errors: FieldError[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of errors ?? []) map[e.field.split(".")[0]] ??= e.message;
  return map;
}
