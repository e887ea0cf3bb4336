// What a database error means, for the few callers that turn one into a domain error.

/** PostgreSQL refused a text value it cannot store (NUL, or bytes that are not UTF-8). */
export function isInvalidTextError(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | null)?.meta?.driverAdapterError?.cause;
  return cause?.originalCode === "22021" || cause?.originalCode === "22P05";
}

/**
 * A unique index refused the write: the row exists already. Prisma's P2002 from a model query;
 * from a raw statement, the driver adapter's cause (SQLSTATE 23505).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } };
  if (code === "P2002") return true;
  const cause = meta?.driverAdapterError?.cause;
  return cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505";
}

// Prisma's codes for a database it cannot reach or that dropped the connection: P1001 can't
// reach, P1002 connect timed out, P1008 operation timed out, P1017 server closed the
// connection, P2024 no pooled connection free in time.
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// What the pg driver adapter reports (`meta.driverAdapterError.cause.kind`) for the same.
const UNAVAILABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting
// up, shutting down, in recovery), 53300 too_many_connections, class 08 connection exceptions.
const UNAVAILABLE_SQLSTATE = /^(57P0[123]|53300|08\d{3})$/;
// Socket errors of the pg driver itself (opening the pool, migrations), before any adapter.
const UNAVAILABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
// pg's own errors carry no code, only these messages (the last two: a pooled client whose
// connection broke, queried again inside the same transaction).
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Can't reach database server|Server has closed the connection|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable/i;

/**
 * The database is unreachable or went away (stopped, restarting, crashed, out of
 * connections): the request may succeed if tried again shortly. Looks at Prisma's error
 * code, the driver adapter's cause, and the causes the error wraps.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === "object" && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, meta } = e as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string; code?: string } } } };
    if (typeof code === "string" && (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    const cause = meta?.driverAdapterError?.cause;
    if (cause) {
      if (cause.kind && UNAVAILABLE_ADAPTER_KINDS.has(cause.kind)) return true;
      const sqlState = cause.originalCode ?? cause.code;
      if (sqlState && UNAVAILABLE_SQLSTATE.test(sqlState)) return true;
    }
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
  }
  return false;
}
