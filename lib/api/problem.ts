// The one mapping from errors to RFC 9457 problem+json responses.
import { z } from "zod";
import { isDatabaseUnavailable, isInvalidTextError, isUniqueViolation } from "@/lib/db";
import { AppError, RateLimitedError, ValidationError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/validation";
import { problem } from "./problem-json";

export { problem };

export function problemFromError(error: unknown, instance?: string): Response {
  if (error instanceof z.ZodError) {
    return problem(422, "validation_failed", "The request is invalid; see `errors`.", {
      instance,
      errors: fieldErrorsFromZod(error),
    });
  }
  if (error instanceof ValidationError) {
    return problem(error.status, error.code, error.message, { instance, errors: error.errors });
  }
  if (error instanceof RateLimitedError) {
    const headers: Record<string, string> = { "retry-after": String(error.retryAfterSeconds) };
    if (error.limit) {
      headers["ratelimit-limit"] = String(error.limit.limit);
      headers["ratelimit-remaining"] = String(error.limit.remaining);
      headers["ratelimit-reset"] = String(error.limit.resetSeconds);
    }
    return problem(429, error.code, error.message, { instance, retry_after: error.retryAfterSeconds }, headers);
  }
  if (error instanceof AppError) {
    return problem(error.status, error.code, error.message, { instance });
  }
  // Inputs are checked before they reach the database (lib/validation/text.ts); this is the net under it.
  if (isInvalidTextError(error)) {
    return problem(400, "bad_request", "A text value contains a character that cannot be stored (NUL, or bytes that are not UTF-8).", { instance });
  }
  if (isUniqueViolation(error)) {
    return problem(409, "conflict", "This conflicts with an existing object.", { instance });
  }
  // Stopped, restarting or out of connections: the pool reconnects by itself, so say when to retry.
  if (isDatabaseUnavailable(error)) {
    console.warn("[api] database unavailable:", error instanceof Error ? error.message.trim().split("\n").at(-1) : error);
    return problem(503, "database_unavailable", "The database is unreachable; try again in a few seconds.", { instance }, { "retry-after": "5" });
  }
  console.error("[api] unexpected error", error instanceof Error ? error.stack : error);
  return problem(500, "internal_error", "Something went wrong on our side. Try again; if it persists, contact support.", {
    instance,
  });
}

/** A route handler whose thrown errors become problem+json answers. */
export function withProblems<C>(handler: (req: Request, context: C) => Promise<Response>) {
  return async (req: Request, context: C): Promise<Response> => {
    try {
      return await handler(req, context);
    } catch (error) {
      return problemFromError(error, new URL(req.url).pathname);
    }
  };
}
