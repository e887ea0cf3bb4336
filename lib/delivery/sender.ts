// The HTTP sender (docs/delivery.md#attempts): one keep-alive undici pool per origin, 15 s default timeout for
// connect + response, redirects not followed, response body read up to 64 KiB. When private
// destinations are not allowed, the address the socket actually connects to is checked
// (DNS-rebinding safe: the check happens in the connect-time lookup).
import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { Agent, errors as undiciErrors, request, type Dispatcher } from "undici";
import { isPrivateAddress } from "@/lib/webhooks/url-policy";

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

export class PrivateAddressError extends Error {
  constructor(readonly address: string) {
    super(
      `Refused: the endpoint resolves to ${address}, a private, loopback or link-local address (the operator can set ALLOW_PRIVATE_ENDPOINTS=1).`,
    );
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function publicOnlyLookup(hostname: string, options: object, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new PrivateAddressError(bad.address) as NodeJS.ErrnoException, "", 0);
    const wantsAll = (options as { all?: boolean }).all;
    if (wantsAll) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}

export function createSender(options: { allowPrivate: boolean; connections?: number; dispatcher?: Dispatcher }): Sender {
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connections: options.connections ?? 128,
      keepAliveTimeout: 30_000,
      connect: options.allowPrivate ? {} : { lookup: publicOnlyLookup },
    });

  return async function send(req: SendRequest): Promise<SendResult> {
    const started = performance.now();
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const done = (partial: Omit<SendResult, "durationMs">): SendResult => ({
      ...partial,
      durationMs: Math.round(performance.now() - started),
    });

    if (!options.allowPrivate) {
      const host = new URL(req.url).hostname.replace(/^\[|\]$/g, "");
      // Literal addresses never go through the lookup.
      if (isIP(host) && isPrivateAddress(host)) {
        return done({ status: null, headers: {}, body: "", error: new PrivateAddressError(host).message });
      }
    }

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
  if (cause instanceof PrivateAddressError) return cause.message;
  if (error instanceof PrivateAddressError) return error.message;
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
