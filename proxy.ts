// The edge (docs/security.md#the-edge): runs before every route except static assets, refusing
// paths that do not percent-decode and adding Strict-Transport-Security to answers over https.
// The rules are lib/api/edge.ts; this file only hands Next.js their answer.
import { NextResponse, type NextRequest } from "next/server";
import { atTheEdge, STRICT_TRANSPORT_SECURITY } from "@/lib/api/edge";

export function proxy(request: NextRequest) {
  const { refusal, hsts } = atTheEdge(request);
  if (refusal) return refusal;
  // Over plain http the request goes on untouched: nothing to allocate.
  if (!hsts) return;
  const response = NextResponse.next();
  response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Build assets, optimised images and the favicon never reach a route: skip them.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico).*)"],
};
