// Request parsing at the boundary: JSON bodies and query strings, validated with zod.
import type { z } from "zod";
import { BadRequestError, ValidationError } from "@/lib/errors";
import { fieldErrorsFromZod } from "./problem";

const MAX_BODY_BYTES = 1024 * 1024;

export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new BadRequestError("Send a JSON body with `Content-Type: application/json`.");
  }
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    throw new BadRequestError("The body is larger than 1 MiB.");
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new BadRequestError("The body is larger than 1 MiB.");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError("The body is not valid JSON.");
  }
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrorsFromZod(result.error);
    const first = errors[0];
    const summary = first ? `${first.field}: ${first.message}` : "The request is invalid.";
    throw new ValidationError(errors.length > 1 ? `${summary} (and ${errors.length - 1} more)` : summary, errors);
  }
  return result.data;
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
