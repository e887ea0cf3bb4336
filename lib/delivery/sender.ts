// The HTTP sender (docs/delivery.md#attempts): one keep-alive undici pool per origin, 15 s default timeout for
// connect + response, redirects not followed, response body read up to 64 KiB. Before every
// request the URL is held to the endpoint URL rules (scheme, credentials, literal addresses,
// local names: urlViolation(), the same check as when an endpoint is saved), remembered per URL;
// then the address the socket actually connects to is checked (DNS-rebinding safe: the check
// happens in the connect-time lookup): link-local and cloud metadata addresses always, private
// and loopback ones unless private destinations are allowed (docs/security.md#endpoint-urls).
import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent, errors as undiciErrors, type Dispatcher } from "undici";
import { config } from "@/lib/config";
import { addressRefusal, classifyAddress, urlViolation, type UrlPolicy, type UrlViolation } from "@/lib/webhooks/url-policy";

export const MAX_RESPONSE_BYTES = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;
export const USER_AGENT = "ControlCenter-Webhooks/1.0";

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
}

export interface SendResult {
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
  error: string | null;
}

export type Sender = (req: SendRequest) => Promise<SendResult>;

/** Resolves a host name to every address it has (node:dns `lookup` with `all: true`). */
export type ResolveAll = (
  hostname: string,
  options: { family?: number; hints?: number; all: true },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolve: ResolveAll = (hostname, options, callback) => dnsLookup(hostname, options, callback);

export class RefusedAddressError extends Error {
  /** `reason` is addressRefusal()'s text: the range, and whether any setting allows it. */
  constructor(
    readonly address: string,
    reason: string,
  ) {
    super(`Refused: the endpoint resolves to ${address}, ${reason}`);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

const isAlwaysRefused = (address: string) => classifyAddress(address)?.class === "always-refused";

/** A connect-time lookup that fails when any address the name resolves to is refused. */
function guardedLookup(resolve: ResolveAll, allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    resolve(hostname, { ...options, all: true }, (err, list) => {
      if (err) return callback(err, "", 0);
      // Name the strictest refusal: an always-refused address before a private one.
      const ranked = [...list].sort((a, b) => Number(isAlwaysRefused(b.address)) - Number(isAlwaysRefused(a.address)));
      for (const { address } of ranked) {
        const reason = addressRefusal(address, { allowPrivate });
        if (reason) return callback(new RefusedAddressError(address, reason) as NodeJS.ErrnoException, "", 0);
      }
      if (list.length === 0) {
        return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 0);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** Where a URL's requests go, or why none may: what the sender needs of a URL, worked out once. */
type CheckedUrl = { refusal: null; origin: string; path: string } | { refusal: string };

/** The error of an attempt refused before any connection, naming the rule (docs/security.md#endpoint-urls). */
function urlRefusal(violation: UrlViolation): string {
  switch (violation.rule) {
    // The URL itself is not repeated: it may hold a secret, and attempt errors are shown to every reader of the log.
    case "invalid":
      return "Refused: the endpoint URL is not a valid URL.";
    case "scheme":
      return `Refused: the endpoint URL uses ${violation.protocol}; webhooks are sent only to https:// URLs (and http:// when the operator sets ALLOW_HTTP_ENDPOINTS=1).`;
    case "http":
      return "Refused: the endpoint URL uses plain http://, which this server allows only when the operator sets ALLOW_HTTP_ENDPOINTS=1; change the endpoint's URL to https://.";
    case "credentials":
      return "Refused: the endpoint URL contains credentials (user:password@), which are never sent; remove them from the URL and send them in a custom header instead.";
    case "address":
      return new RefusedAddressError(violation.host.replace(/^\[|\]$/g, ""), violation.reason).message;
    case "local-name":
      return `Refused: the endpoint's host ${violation.host} is a local name; endpoints must be reachable on the public internet (the operator can set ALLOW_PRIVATE_ENDPOINTS=1).`;
  }
}

/**
 * The endpoint URL rules, per URL: a pure function of the URL and the policy, remembered, since
 * the same few URLs come back for every attempt (no parse, no allocation for a URL seen before).
 */
function urlCheck(policy: UrlPolicy) {
  const seen = new Map<string, CheckedUrl>();
  return (raw: string): CheckedUrl => {
    let checked = seen.get(raw);
    if (checked === undefined) {
      const violation = urlViolation(raw, policy);
      if (violation) {
        checked = { refusal: urlRefusal(violation) };
      } else {
        const url = new URL(raw);
        checked = { refusal: null, origin: url.origin, path: `${url.pathname}${url.search}` };
      }
      if (seen.size >= 10_000) seen.clear();
      seen.set(raw, checked);
    }
    return checked;
  };
}

class AttemptTimeout extends Error {}
class ResponseCapped extends Error {}

/**
 * `allowHttp` defaults to the operator's ALLOW_HTTP_ENDPOINTS. `resolve` replaces the system DNS
 * lookup (tests). A custom `dispatcher` bypasses the connect-time check of names; the URL rules
 * (literal addresses included) are still checked.
 *
 * Requests go through undici's dispatch API with a handler that collects the response: no
 * stream, async iterator or AbortSignal per request (docs/PERFORMANCE.md). The timeout is one
 * timer per request that settles the attempt and aborts the request.
 */
export function createSender(options: {
  allowPrivate: boolean;
  allowHttp?: boolean;
  connections?: number;
  dispatcher?: Dispatcher;
  resolve?: ResolveAll;
}): Sender {
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connections: options.connections ?? 128,
      keepAliveTimeout: 30_000,
      connect: { lookup: guardedLookup(options.resolve ?? systemResolve, options.allowPrivate) },
    });
  const check = urlCheck({ allowPrivate: options.allowPrivate, allowHttp: options.allowHttp ?? config().allowHttpEndpoints });

  return function send(req: SendRequest): Promise<SendResult> {
    const started = performance.now();
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const done = (partial: Omit<SendResult, "durationMs">): SendResult => ({
      ...partial,
      durationMs: Math.round(performance.now() - started),
    });

    // Refused before any connection: a failed attempt, retried on the schedule like any other.
    // Literal addresses never go through the lookup, so this is where they are checked.
    const url = check(req.url);
    if (url.refusal !== null) return Promise.resolve(done({ status: null, headers: {}, body: "", error: url.refusal }));

    return new Promise<SendResult>((resolve) => {
      const attempt = new AttemptHandler(timeoutMs, (partial) => resolve(done(partial)));
      try {
        dispatcher.dispatch(
          {
            origin: url.origin,
            path: url.path,
            method: "POST",
            headers: { "content-type": "application/json", "user-agent": USER_AGENT, ...req.headers },
            body: req.body,
          },
          attempt,
        );
      } catch (error) {
        attempt.settle({ status: null, headers: {}, body: "", error: describeError(error) });
      }
    });
  };
}

/** Collects one response (status, headers, body up to MAX_RESPONSE_BYTES) and settles the attempt once. */
class AttemptHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | null = null;
  private settled = false;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    timeoutMs: number,
    private readonly onSettled: (result: Omit<SendResult, "durationMs">) => void,
  ) {
    this.timer = setTimeout(() => {
      this.settle({ status: null, headers: {}, body: "", error: timeoutMessage(timeoutMs) });
      this.controller?.abort(new AttemptTimeout());
    }, timeoutMs);
  }

  settle(result: Omit<SendResult, "durationMs">) {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.onSettled(result);
  }

  private response() {
    return { status: this.status, headers: this.headers, body: responseText(this.chunks, MAX_RESPONSE_BYTES), error: null };
  }

  onRequestStart(controller: Dispatcher.DispatchController) {
    this.controller = controller;
    // Timed out while waiting for a connection: do not send it at all.
    if (this.settled) controller.abort(new AttemptTimeout());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>) {
    this.status = statusCode;
    this.headers = flattenHeaders(headers);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer) {
    if (this.settled) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Enough of the body is read: record it and stop reading.
    if (this.size >= MAX_RESPONSE_BYTES) {
      this.settle(this.response());
      controller.abort(new ResponseCapped());
    }
  }

  onResponseEnd() {
    this.settle(this.response());
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error) {
    this.settle({ status: null, headers: {}, body: "", error: describeError(error) });
  }
}

function timeoutMessage(timeoutMs: number) {
  return `Timed out after ${timeoutMs / 1000} s without a complete response.`;
}

function responseText(chunks: Buffer[], max: number): string {
  // PostgreSQL text cannot hold NUL; a receiver's body may contain it.
  const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).subarray(0, max).toString("utf8");
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  if (cause instanceof RefusedAddressError) return cause.message;
  if (error instanceof RefusedAddressError) return error.message;
  const code = (cause as { code?: string })?.code ?? (error as { code?: string })?.code;
  const messages: Record<string, string> = {
    ECONNREFUSED: "Connection refused: nothing is listening at that address and port.",
    ECONNRESET: "The connection was reset by the receiver.",
    ENOTFOUND: "DNS lookup failed: the host name does not exist.",
    EAI_AGAIN: "DNS lookup failed temporarily.",
    EHOSTUNREACH: "The host is unreachable.",
    ETIMEDOUT: "Connecting timed out.",
    CERT_HAS_EXPIRED: "TLS error: the receiver's certificate has expired.",
    DEPTH_ZERO_SELF_SIGNED_CERT: "TLS error: the receiver's certificate is self-signed.",
    UND_ERR_SOCKET: "The connection closed before a response arrived.",
  };
  if (code && messages[code]) return `${messages[code]} (${code})`;
  if (error instanceof undiciErrors.UndiciError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
