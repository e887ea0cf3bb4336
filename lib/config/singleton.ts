// Process-wide singletons. Next.js bundles instrumentation, route handlers and server
// actions separately, so a module-level variable can exist once per bundle; state that must
// exist once per process (the database, the sender's pool, the worker) lives on globalThis.
const registry = globalThis as unknown as { __controlCenter?: Map<string, unknown> };

/** The process's one `name`, created by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const map = (registry.__controlCenter ??= new Map());
  if (!map.has(name)) map.set(name, create());
  return map.get(name) as T;
}

/** Replaces or forgets the process's `name` (tests; a failed open that should be retried). */
export function setProcessSingleton<T>(name: string, value: T | undefined) {
  const map = (registry.__controlCenter ??= new Map());
  if (value === undefined) map.delete(name);
  else map.set(name, value);
}
