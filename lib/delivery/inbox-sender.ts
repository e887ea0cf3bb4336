// Deliveries to this app's own test inboxes (docs/delivery.md#test-inbox) are recorded in
// process, without a network round trip: the inbox is reachable wherever the app's own address
// is not (private destinations refused, a proxy in front, no hairpin NAT). Only a URL exactly
// equal to an inbox's handed-out URL counts; anything else, a deleted inbox included, goes to
// the network as usual. No cache: an inbox deleted a moment ago must not swallow a delivery.
// Since nothing leaves the app, the endpoint URL rules that guard the network (plain http,
// private addresses) do not apply, except one: a URL on a link-local or cloud metadata address
// is refused even here, like everywhere (docs/security.md#endpoint-urls).
import "server-only";
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { alwaysRefusedHost, findInboxByToken, inboxTokenOf, recordInboxRequest } from "@/lib/webhooks";
import { RefusedAddressError, USER_AGENT, type Sender, type SendResult } from "./sender";

const ANSWER_HEADERS = { "content-type": "application/json", "cache-control": "no-store" };

/** `send`, except that a request to one of this app's test inboxes is recorded in process. */
export function withInboxDelivery(send: Sender, db: Db, now: () => Date = () => new Date()): Sender {
  return async function sendOrRecord(req) {
    // Most URLs are no inbox's: tell them apart without parsing the URL.
    const token = req.url.includes("/api/inbox/") ? inboxTokenOf(req.url) : null;
    const inbox = token ? await findInboxByToken(db, token) : null;
    if (!token || !inbox || inbox.url !== req.url) return send(req);

    const started = performance.now();
    const done = (result: Omit<SendResult, "durationMs">): SendResult => ({ ...result, durationMs: Math.round(performance.now() - started) });
    const refused = alwaysRefusedHost(req.url);
    if (refused) return done({ status: null, headers: {}, body: "", error: new RefusedAddressError(refused.host.replace(/^\[|\]$/g, ""), refused.reason).message });
    // What the HTTP sender would have sent, with lower-case names as the HTTP route records them.
    const sent = { "content-type": "application/json", "user-agent": USER_AGENT, ...req.headers };
    const headers = Object.fromEntries(Object.entries(sent).map(([name, value]) => [name.toLowerCase(), value]));
    try {
      await recordInboxRequest(db, token, { method: "POST", headers, body: req.body }, now());
      return done({ status: 200, headers: ANSWER_HEADERS, body: '{"received":true}', error: null });
    } catch (error) {
      // The same answer the route gives an expired inbox.
      if (error instanceof NotFoundError) {
        return done({ status: 404, headers: { ...ANSWER_HEADERS, "content-type": "application/problem+json" }, body: JSON.stringify({ status: 404, detail: error.message }), error: null });
      }
      return done({ status: null, headers: {}, body: "", error: `The test inbox could not record the request: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
}
