// What a database error means, for the few callers that turn one into a domain error.

/** A unique index refused the write (Prisma's P2002): the row exists already. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
