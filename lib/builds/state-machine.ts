// The build status machine (docs/triggers.md#builds): queued → started → succeeded | failed;
// queued | started → cancelled; queued → superseded (a newer build of the same branch).
import { ConflictError } from "@/lib/errors";

export const BUILD_STATUSES = ["queued", "started", "succeeded", "failed", "cancelled", "superseded"] as const;
export type BuildStatus = (typeof BUILD_STATUSES)[number];

const NEXT: Record<BuildStatus, readonly BuildStatus[]> = {
  queued: ["started", "cancelled", "superseded"],
  started: ["succeeded", "failed", "cancelled"],
  succeeded: [],
  failed: [],
  cancelled: [],
  superseded: [],
};

export function canTransition(from: BuildStatus, to: BuildStatus): boolean {
  return NEXT[from].includes(to);
}

/** A build in a final status never changes again. */
export function isFinal(status: BuildStatus): boolean {
  return NEXT[status].length === 0;
}

/** Throws a 409 ConflictError naming the build when `from → to` is not allowed. */
export function assertTransition(from: BuildStatus, to: BuildStatus, buildNumber?: number): void {
  if (canTransition(from, to)) return;
  const name = buildNumber === undefined ? "The build" : `Build #${buildNumber}`;
  const allowed = NEXT[from];
  const hint = allowed.length ? ` It can become ${allowed.join(", ")}.` : " It is finished and cannot change any more.";
  throw new ConflictError(`${name} is ${from}; it cannot become ${to}.${hint}`);
}
