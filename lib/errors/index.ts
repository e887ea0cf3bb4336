// Typed domain errors. Domain functions throw them; lib/api/problem.ts maps them to
// RFC 9457 problem+json, and the dashboard shows the same messages.

export interface FieldError {
  /** Dotted path in the snake_case wire format, e.g. "build_config.platforms.0". */
  field: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(422, "validation_failed", message);
  }
}

export class BadRequestError extends AppError {
  constructor(message: string) {
    super(400, "bad_request", message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "payload_too_large", `The body is larger than ${formatBytes(limitBytes)}, the most this route accepts.`);
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required: send `Authorization: Bearer cc_live_…`.") {
    super(401, "unauthorized", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(403, "forbidden", message);
  }
}

/** Also used for objects of other organizations: they "do not exist" for the caller. */
export class NotFoundError extends AppError {
  constructor(resource: string, id?: string) {
    super(404, "not_found", id ? `${resource} ${id} was not found.` : `${resource} was not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, "conflict", message);
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly limit?: { limit: number; remaining: number; resetSeconds: number },
  ) {
    super(429, "rate_limited", message);
  }
}
