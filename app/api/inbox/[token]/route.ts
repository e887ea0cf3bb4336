// /api/inbox/{token}: a test inbox (docs/delivery.md#test-inbox). POST, PUT or PATCH anything
// and it is recorded; no authentication, the token is the secret. Never cached.
import { problem, problemFromError } from "@/lib/api";
import { getDb } from "@/lib/db";
import { defaultRateLimitStore } from "@/lib/rate-limit";
import { readBodyText } from "@/lib/validation";
import { admitInboxRequest, INBOX_BODY_LIMIT, recordInboxRequest } from "@/lib/webhooks";

type Route = { params: Promise<{ token: string }> };

const ALLOW = "POST, PUT, PATCH";

async function answer(req: Request, route: Route, respond: (token: string, now: Date) => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    const { token } = await route.params;
    response = await respond(token, new Date());
  } catch (error) {
    response = problemFromError(error, new URL(req.url).pathname);
  }
  response.headers.set("cache-control", "no-store");
  return response;
}

function receive(req: Request, route: Route) {
  return answer(req, route, async (token, now) => {
    const db = await getDb();
    await admitInboxRequest(db, defaultRateLimitStore(db), token, now);
    const body = await readBodyText(req, INBOX_BODY_LIMIT);
    await recordInboxRequest(db, token, { method: req.method, headers: Object.fromEntries(req.headers), body }, now);
    return Response.json({ received: true });
  });
}

export { receive as POST, receive as PUT, receive as PATCH };

export function GET(req: Request, route: Route) {
  return answer(req, route, async (token, now) => {
    const db = await getDb();
    await admitInboxRequest(db, defaultRateLimitStore(db), token, now);
    return problem(
      405,
      "method_not_allowed",
      "This is a test inbox: send it a POST (or PUT, PATCH) with any body, then open Test inbox in the dashboard to see the request.",
      { instance: new URL(req.url).pathname },
      { allow: ALLOW },
    );
  });
}
