// The HTTP sender (docs/delivery.md#attempts): one keep-alive undici pool per origin, 15 s default timeout for
// connect + response, redirects not followed, response body read up to 64 KiB. The address the
// socket actually connects to is checked (DNS-rebinding safe: the check happens in the
// connect-time lookup): link-local and cloud metadata addresses always, private and loopback
// ones unless private destinations are allowed (docs/security.md#endpoint-urls).
import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { Agent, errors as undiciErrors, request, type Dispatcher } from "undici";
import { addressRefusal, classifyAddress } from "@/lib/webhooks/url-policy";

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

/**
 * `resolve` replaces the system DNS lookup (tests). A custom `dispatcher` bypasses the
 * connect-time check of names; literal addresses in the URL are still checked.
 */
export function createSender(options: { allowPrivate: boolean; connections?: number; dispatcher?: Dispatcher; resolve?: ResolveAll }): Sender {
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connections: options.connections ?? 128,
      keepAliveTimeout: 30_000,
      connect: { lookup: guardedLookup(options.resolve ?? systemResolve, options.allowPrivate) },
    });

  return async function send(req: SendRequest): Promise<SendResult> {
    const started = performance.now();
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const done = (partial: Omit<SendResult, "durationMs">): SendResult => ({
      ...partial,
      durationMs: Math.round(performance.now() - started),
    });

    // Literal addresses never go through the lookup (the URL parser has normalised every IPv4 spelling).
    const host = URL.parse(req.url)?.hostname.replace(/^\[|\]$/g, "") ?? ""; // an unparsable URL fails in request()
    const reason = isIP(host) ? addressRefusal(host, { allowPrivate: options.allowPrivate }) : null;
    if (reason) return done({ status: null, headers: {}, body: "", error: new RefusedAddressError(host, reason).message });

    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await request(req.url, {
        method: "POST",
        dispatcher,
        signal,
        headers: { "content-type": "application/json", "user-agent": USER_AGENT, ...req.headers },
        body: req.body,
      });
      const body = await readCapped(response.body, MAX_RESPONSE_BYTES);
      return done({ status: response.statusCode, headers: flattenHeaders(response.headers), body, error: null });
    } catch (error) {
      return done({ status: null, headers: {}, body: "", error: describeError(error, timeoutMs, signal) });
    }
  };
}

async function readCapped(stream: Dispatcher.ResponseData["body"], max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    chunks.push(buf);
    size += buf.length;
    if (size >= max) {
      stream.destroy();
      break;
    }
  }
  // PostgreSQL text cannot hold NUL; a receiver's body may contain it.
  return Buffer.concat(chunks).subarray(0, max).toString("utf8").replaceAll("\u0000", "");
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function describeError(error: unknown, timeoutMs: number, signal: AbortSignal): string {
  if (signal.aborted) return `Timed out after ${timeoutMs / 1000} s without a complete response.`;
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
