// The guard every /api/v1 route is wrapped in: authenticates the bearer API key,
// checks the permission against its scopes, and maps any error to problem+json.
import type { Actor } from "@/lib/audit";
import { authenticateApiKey, can, requirementOf, type AuthenticatedKey, type Permission } from "@/lib/auth";
import { getDb, type Db } from "@/lib/db";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { problemFromError } from "./problem";

export type ApiContext<P> = { db: Db; orgId: string; key: AuthenticatedKey; actor: Actor; params: P };
type RouteContext<P> = { params: Promise<P> };

export function requestOrigin(req: Request) {
  return {
    ip: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || req.headers.get("x-real-ip") || null,
    userAgent: req.headers.get("user-agent"),
  };
}

function bearerToken(req: Request): string {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new UnauthorizedError();
  return match[1];
}

export function withApiKey<P = Record<string, never>>(
  options: { permission: Permission },
  handler: (req: Request, ctx: ApiContext<P>) => Promise<Response>,
) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const db = await getDb();
      const key = await authenticateApiKey(db, bearerToken(req));
      const grant = { kind: "scopes", scopes: key.scopes } as const;
      if (!can(grant, options.permission)) throw new ForbiddenError(requirementOf(grant, options.permission));
      const actor: Actor = { type: "api_key", id: key.id, label: `API key "${key.name}"`, ...requestOrigin(req) };
      return await handler(req, { db, orgId: key.organizationId, key, actor, params: await route.params });
    } catch (error) {
      return problemFromError(error, new URL(req.url).pathname);
    }
  };
}

/** A JSON response (the wire format is already snake_case: build it with a toXResource mapper). */
export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}

export function listResponse<T>(items: T[], nextCursor: string | null): Response {
  return Response.json({ data: items, next_cursor: nextCursor });
}
