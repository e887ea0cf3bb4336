// The one mapping from errors to RFC 9457 problem+json responses.
import { z } from "zod";
import { AppError, RateLimitedError, ValidationError, type FieldError } from "@/lib/errors";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

type Issue = z.core.$ZodIssue;

/** Field errors in wire paths. Zod 4 reports a bad record key as one issue wrapping the real ones. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  const flatten = (issue: Issue, prefix: PropertyKey[]): FieldError[] => {
    const path = [...prefix, ...issue.path];
    if ((issue.code === "invalid_key" || issue.code === "invalid_element") && issue.issues.length) {
      return issue.issues.flatMap((inner) => flatten(inner, path));
    }
    return [{ field: path.length ? path.map(String).join(".") : "(body)", message: issue.message, code: issue.code }];
  };
  return error.issues.flatMap((issue) => flatten(issue, []));
}

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}, headers: HeadersInit = {}) {
  return new Response(
    JSON.stringify({ type: `/docs/errors#${code}`, title: TITLES[status] ?? "Error", status, code, detail, ...extra }),
    { status, headers: { "content-type": "application/problem+json", ...headers } },
  );
}

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
  if (isUniqueViolation(error)) {
    return problem(409, "conflict", "This conflicts with an existing object.", { instance });
  }
  console.error("[api] unexpected error", error instanceof Error ? error.stack : error);
  return problem(500, "internal_error", "Something went wrong on our side. Try again; if it persists, contact support.", {
    instance,
  });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
