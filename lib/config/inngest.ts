// How the Inngest settings in the environment are read (docs/delivery.md#engines). The engine
// choice, the /api/inngest guard and the start-up check all read them through here, and
// INNGEST_DEV is parsed exactly as the inngest SDK parses it (its `mode` and `explicitDevUrl`),
// so the app never disagrees with the SDK about dev mode.
type Env = Record<string, string | undefined>;

export type InngestDevMode = { on: false } | { on: true; devServerUrl: string | null };

/** The SDK's parseAsBoolean: trimmed, case-insensitive "1"/"true" and "0"/"false". */
function parseSdkBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return undefined;
}

/**
 * INNGEST_DEV as the SDK reads it: "1"/"true" on, "0"/"false" (or unset, empty) off, and any other
 * value that makes a URL (a missing scheme means http://) on with the dev server at that URL.
 */
export function inngestDevMode(env: Env = process.env): InngestDevMode {
  const value = env.INNGEST_DEV;
  if (!value) return { on: false };
  const flag = parseSdkBoolean(value);
  if (flag !== undefined) return flag ? { on: true, devServerUrl: null } : { on: false };
  if (value === "undefined") return { on: false };
  try {
    return { on: true, devServerUrl: new URL(value.includes("://") ? value : `http://${value}`).href };
  } catch {
    return { on: false };
  }
}

/**
 * INNGEST_ENABLE_UNAUTHED_SYNC as the SDK reads it: on, an unsigned PUT to /api/inngest makes the
 * app register itself with Inngest (an out-of-band sync, authenticated by the signing key it
 * sends). Off unless the operator turns it on; a signed in-band sync works either way.
 */
export function inngestUnauthedSync(env: Env = process.env): boolean {
  const value = env.INNGEST_ENABLE_UNAUTHED_SYNC;
  return value ? parseSdkBoolean(value) === true : false;
}

/** Inngest delivers when its event key or dev mode is configured; the embedded worker otherwise. */
export function inngestEngineConfigured(env: Env = process.env): boolean {
  return Boolean(env.INNGEST_EVENT_KEY) || inngestDevMode(env).on;
}

/**
 * Why this Inngest configuration cannot run, one line per variable, or none. A bare word such as
 * "yes" or "on" would be read by the SDK as a dev server at http://yes/, so it is refused; outside
 * dev mode Inngest needs both keys (events are sent with one, its calls verified with the other).
 */
export function inngestConfigProblems(env: Env = process.env): { variable: string; message: string }[] {
  const dev = env.INNGEST_DEV;
  if (dev && parseSdkBoolean(dev) === undefined && /^[a-z]+$/i.test(dev.trim())) {
    return [{ variable: "INNGEST_DEV", message: "use 1/true (dev mode), 0/false (off) or the dev server's URL, e.g. http://localhost:8288" }];
  }
  const unauthed = env.INNGEST_ENABLE_UNAUTHED_SYNC;
  if (unauthed && parseSdkBoolean(unauthed) === undefined) {
    return [{ variable: "INNGEST_ENABLE_UNAUTHED_SYNC", message: "use 1/true (an unsigned PUT to /api/inngest syncs the app) or 0/false (only a signed sync does)" }];
  }
  if (inngestUnauthedSync(env) && !inngestDevMode(env).on && !env.INNGEST_SERVE_ORIGIN) {
    // Otherwise whoever sends the PUT names the host Inngest would call (and send runs' data to).
    return [
      {
        variable: "INNGEST_SERVE_ORIGIN",
        message:
          "required with INNGEST_ENABLE_UNAUTHED_SYNC: the public origin Inngest calls (https://cc.example.com), so an unsigned sync cannot register a host its caller chose",
      },
    ];
  }
  if (inngestDevMode(env).on || !(env.INNGEST_EVENT_KEY || env.INNGEST_SIGNING_KEY)) return [];
  const missing = (["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"] as const).filter((name) => !env[name]);
  return missing.map((variable) => ({
    variable,
    message:
      "required for the Inngest engine outside dev mode: set both INNGEST_EVENT_KEY (sending events) and " +
      "INNGEST_SIGNING_KEY (verifying Inngest's calls to /api/inngest), or INNGEST_DEV=1 for local development",
  }));
}

/** The start-up warning for dev mode in production (Inngest's calls are then not verified), or null. */
export function inngestDevModeWarning(env: Env = process.env): string | null {
  if (!inngestDevMode(env).on || env.NODE_ENV !== "production") return null;
  return (
    "[control-center] WARNING: INNGEST_DEV is on while NODE_ENV=production. In dev mode calls to /api/inngest " +
    "are not signature-checked, so anyone who can reach this server can run its delivery functions. " +
    "Unset INNGEST_DEV and set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY on a reachable server."
  );
}
