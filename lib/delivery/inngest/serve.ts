// The handlers Inngest calls at /api/inngest (docs/delivery.md#running-on-inngest): the SDK's own
// serve() over the delivery functions, behind a guard that refuses outside dev mode what the SDK
// would not answer with a 401 (no signing key configured, no signature). Built here rather than
// in the route so the wire tests drive exactly these handlers with their own client and database.
import { serve } from "inngest/next";
import { inngestDevMode, inngestUnauthedSync } from "@/lib/config";
import { inngest } from "./client";
import { createDeliveryFunctions, type DeliveryFunctionOptions, type GetDeliveryContext } from "./functions";

type Handler = (req: Request, context?: unknown) => Promise<Response>;
export type InngestHandlers = Record<"GET" | "POST" | "PUT", Handler>;

function refuse(detail: string): Response {
  return Response.json({ code: "unauthorized", message: detail }, { status: 401 });
}

/**
 * GET (introspection), POST (run a step) and PUT (sync). Every call outside dev mode must carry a
 * valid X-Inngest-Signature (docs/security.md#tenancy), except an unsigned out-of-band sync where
 * the operator turned on INNGEST_ENABLE_UNAUTHED_SYNC (it then registers INNGEST_SERVE_ORIGIN,
 * never the origin a caller names). `env` is read on every call, as the SDK reads it.
 */
export function inngestHandlers(
  getContext: GetDeliveryContext,
  options: DeliveryFunctionOptions & { env?: () => Record<string, string | undefined> } = {},
): InngestHandlers {
  const client = options.client ?? inngest;
  const env = options.env ?? (() => process.env);
  const functions = createDeliveryFunctions(getContext, options);
  const settings = env();
  const served = serve({
    client,
    functions: Object.values(functions),
    enableUnauthedSync: inngestUnauthedSync(settings),
    // Where Inngest calls back: the SDK reads these from process.env; here from `env`, the same way.
    serveOrigin: settings.INNGEST_SERVE_ORIGIN || undefined,
    servePath: settings.INNGEST_SERVE_PATH || undefined,
  }) as unknown as Record<
    "GET" | "POST" | "PUT",
    (req: Request, context: unknown) => Promise<Response>
  >;

  const guarded =
    (method: "GET" | "POST" | "PUT"): Handler =>
    async (req, context) => {
      const current = env();
      // INNGEST_DEV read as the SDK reads it (lib/config/inngest.ts): the local dev server does not
      // sign its calls, so nothing is checked in dev mode. Never set it on a reachable server.
      client.setEnvVars(current);
      if (!inngestDevMode(current).on) {
        if (!client.signingKey) {
          return refuse("INNGEST_SIGNING_KEY is not set, so calls from Inngest cannot be verified and none are accepted.");
        }
        const unsignedSync = method === "PUT" && inngestUnauthedSync(current) && req.headers.get("x-inngest-sync-kind") !== "in_band";
        if (!req.headers.get("x-inngest-signature") && !unsignedSync) return refuse("Missing X-Inngest-Signature.");
      }
      return served[method](req, context);
    };
  return { GET: guarded("GET"), POST: guarded("POST"), PUT: guarded("PUT") };
}
