// The guard every dashboard server action is built with, the twin of the API's route guard
// (lib/api/handle.ts): the signed-in member must hold `permission` in the organization, the
// input is parsed with `schema`, and any error comes back as a value the UI shows, never a
// throw across the wire.
import "server-only";
import { z } from "zod";
import type { Permission } from "@/lib/auth";
import { requireOrgAction, type OrgAccess } from "@/lib/auth/session";
import { AppError, ValidationError, type FieldError } from "@/lib/errors";
import { fieldErrorsFromZod, parseWith } from "@/lib/validation";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldError[] };

/** Runs `fn` and turns what it throws into the message (and field errors) the UI shows. */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, error: error.message, fieldErrors: error.errors };
    if (error instanceof z.ZodError) {
      const fieldErrors = fieldErrorsFromZod(error);
      return { ok: false, error: fieldErrors[0]?.message ?? "Invalid input.", fieldErrors };
    }
    if (error instanceof AppError) return { ok: false, error: error.message };
    console.error("[action] unexpected error", error instanceof Error ? error.stack : error);
    return { ok: false, error: "Something went wrong. Try again." };
  }
}

/**
 * An input naming the object it acts on (`{ endpointId, ...changes }`): the reference's ids
 * and the body's fields side by side, so field errors keep the body's own paths ("url").
 */
export function withRef<R extends z.ZodRawShape, B extends z.ZodType>(ref: R, body: B) {
  return z.object(ref).and(body);
}

/**
 * A server action of an organization: `(orgId, input) → ActionResult`. The permission is
 * checked before the input is read, and stays readable on the action (the authorization
 * matrix test reads it).
 */
export function orgAction<S extends z.ZodType, T>(permission: Permission, schema: S, fn: (input: z.infer<S>, access: OrgAccess) => Promise<T>) {
  const action = async (orgId: string, input: z.input<S>): Promise<ActionResult<T>> =>
    runAction(async () => {
      const access = await requireOrgAction(orgId, permission);
      return fn(parseWith(schema, input), access);
    });
  return Object.assign(action, { permission });
}
