// The edge (docs/security.md#the-edge): runs before every route except static assets, refusing
// paths that do not percent-decode, handing routes only the X-Forwarded-Host a trusted proxy
// wrote, and adding Strict-Transport-Security to answers over https.
// The rules are lib/api/edge.ts; this file only hands Next.js their answer.
import { NextResponse, type NextRequest } from "next/server";
import { atTheEdge, STRICT_TRANSPORT_SECURITY } from "@/lib/api/edge";

export function proxy(request: NextRequest) {
  const { refusal, hsts, forwardedHost } = atTheEdge(request);
  if (refusal) return refusal;
  // An ordinary request over plain http goes on untouched: nothing to allocate.
  if (!hsts && forwardedHost === undefined) return;
  let response: NextResponse;
  if (forwardedHost === undefined) {
    response = NextResponse.next();
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-forwarded-host", forwardedHost);
    response = NextResponse.next({ request: { headers } });
  }
  if (hsts) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Build assets, optimised images and the favicon never reach a route: skip them.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico).*)"],
};
