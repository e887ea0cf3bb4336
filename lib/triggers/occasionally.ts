// Housekeeping that a hot path would otherwise do on every call (pruning expired replay
// memories): at most once per interval per process, measured on the caller's clock (`now`,
// injected in tests). A clock that moved backwards runs it at once.

/** A gate that opens at most once every `everyMs` of `now`. */
export function occasionally(everyMs: number): (now: Date) => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return (now) => {
    const at = now.getTime();
    if (at >= last && at < last + everyMs) return false;
    last = at;
    return true;
  };
}
