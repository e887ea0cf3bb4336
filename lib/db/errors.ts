// What a database error means, for the few callers that turn one into a domain error.

/** PostgreSQL refused a text value it cannot store (NUL, or bytes that are not UTF-8). */
export function isInvalidTextError(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | null)?.meta?.driverAdapterError?.cause;
  return cause?.originalCode === "22021" || cause?.originalCode === "22P05";
}

/** A unique index refused the write (Prisma's P2002): the row exists already. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
