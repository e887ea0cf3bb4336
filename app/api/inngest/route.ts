// Inngest calls this route to sync and run the delivery functions (docs/delivery.md#engines).
// Outside Inngest's dev mode every call must carry a valid X-Inngest-Signature
// (docs/security.md#tenancy): the SDK checks it with INNGEST_SIGNING_KEY, and this guard refuses
// up front what the SDK would not answer with a 401 (no signing key configured, no signature).
import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngestDevMode } from "@/lib/config";
import { getDb } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { createDeliveryFunctions, inngest } from "@/lib/delivery/inngest";

const functions = createDeliveryFunctions(async () => deliveryContext(await getDb()));

// enableUnauthedSync: false — in cloud mode an unsigned PUT (sync) is refused too, not only POST.
const served = serve({ client: inngest, functions: Object.values(functions), enableUnauthedSync: false });

type Handler = (req: NextRequest, context: unknown) => Promise<Response>;

function refuse(detail: string): Response {
  return Response.json({ code: "unauthorized", message: detail }, { status: 401 });
}

function signedOutsideDevMode(handler: Handler): Handler {
  return async (req, context) => {
    // INNGEST_DEV read as the SDK reads it (lib/config/inngest.ts; the engine choice reads it the
    // same way): the local dev server does not sign its calls, so nothing is checked in dev mode.
    // Never set it on a reachable server (start-up warns when NODE_ENV=production).
    inngest.setEnvVars(process.env);
    if (!inngestDevMode(process.env).on) {
      if (!inngest.signingKey) {
        return refuse("INNGEST_SIGNING_KEY is not set, so calls from Inngest cannot be verified and none are accepted.");
      }
      if (!req.headers.get("x-inngest-signature")) return refuse("Missing X-Inngest-Signature.");
    }
    return handler(req, context);
  };
}

export const GET = signedOutsideDevMode(served.GET);
export const POST = signedOutsideDevMode(served.POST);
export const PUT = signedOutsideDevMode(served.PUT);
