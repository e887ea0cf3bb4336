// Parsing at the boundary: values, JSON bodies and query strings, validated with zod.
// A failure is a ValidationError whose field errors say which field, why, and what is allowed.
import { z } from "zod";
import { BadRequestError, ValidationError, type FieldError } from "@/lib/errors";
import { DEFAULT_BODY_LIMIT, readBodyText } from "./body";
import { fieldErrorsFromZod } from "./field-errors";
import { textProblems } from "./text";

/** A JSON body (at most 1 MiB; none at all is `{}`). */
export async function readJson(req: Request): Promise<unknown> {
  const text = await readBodyText(req, DEFAULT_BODY_LIMIT);
  // No body at all is an empty object, whatever the content type says.
  if (text.trim() && !(req.headers.get("content-type") ?? "").includes("application/json")) {
    throw new BadRequestError("Send a JSON body with `Content-Type: application/json`.");
  }
  return jsonFromText(text);
}

/** A raw JSON body as a value; an empty body is `{}`. */
export function jsonFromText(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError("The body is not valid JSON.");
  }
}

/**
 * `value` checked by `schema`, after the checks every input gets whatever its schema: no NUL,
 * no lone surrogate, no absurd nesting (./text.ts).
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = checkWith(schema, value);
  if (!result.success) throw validationError(result.errors);
  return result.data;
}

/** parseWith for callers that answer with the field errors themselves (forms) instead of throwing. */
export function checkWith<S extends z.ZodType>(schema: S, value: unknown): { success: true; data: z.infer<S> } | { success: false; errors: FieldError[] } {
  const textErrors = textProblems(value);
  if (textErrors.length) return { success: false, errors: textErrors };
  const result = schema.safeParse(value);
  return result.success ? { success: true, data: result.data } : { success: false, errors: fieldErrorsFromZod(result.error) };
}

function validationError(errors: FieldError[]): ValidationError {
  const first = errors[0];
  const summary = first ? `${first.field}: ${first.message}` : "The request is invalid.";
  return new ValidationError(errors.length > 1 ? `${summary} (and ${errors.length - 1} more)` : summary, errors);
}

export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return parseWith(schema, await readJson(req));
}

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = new URL(req.url).searchParams;
  const value: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    value[key] = all.length > 1 ? all : all[0];
  }
  return parseWith(schema, value);
}

/** A PATCH body schema: every field of `shape` optional, and at least one of them present. */
export function patchSchema<S extends z.ZodRawShape>(shape: S) {
  return z
    .object(shape)
    .partial()
    .refine((value) => Object.keys(value).length > 0, { message: "Send at least one field to change." });
}

/** An object id in an input ("ep_01JH…"): bounded, never empty. */
export const idSchema = z.string().min(1, "Missing id.").max(100);
