// The RFC 9457 problem+json response every refusal is written as (docs/security.md#input-validation):
// `{ type, title, status, code, detail, …extra }`. Free of the database and of error mapping, so
// the edge (./edge.ts, run by proxy.ts before any route) answers in the same shape.

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}, headers: HeadersInit = {}) {
  return new Response(
    JSON.stringify({ type: `/docs/errors#${code}`, title: TITLES[status] ?? "Error", status, code, detail, ...extra }),
    { status, headers: { "content-type": "application/problem+json", ...headers } },
  );
}
