// The guard every /api/v1 route handler is built with: it authenticates the caller as the
// route's description says, checks the permission, parses the query and body with the
// route's schemas, and maps any error to problem+json. Handlers get typed input and return
// a body typed by the route's response schema (checked against it outside production).
import "server-only";
import type { z } from "zod";
import { requestOrigin, type Actor } from "@/lib/audit";
import { authenticateApiKey, can, requirementOf, type AuthenticatedKey, type Grant, type Permission } from "@/lib/auth";
import { getDb, type Db } from "@/lib/db";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { parseBody, parseQuery, textProblems } from "@/lib/validation";
import { withProblems } from "./problem";
import type { PathParams, RouteSpec } from "./route";

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** What a route authenticated by API key receives. */
export interface ApiKeyContext<R extends RouteSpec> {
  req: Request;
  db: Db;
  orgId: string;
  key: AuthenticatedKey;
  /** What the key may do, for `can()` and mappers that show more to some callers. */
  grant: Grant;
  actor: Actor;
  params: PathParams<R["path"]>;
  query: Parsed<R["query"]>;
  body: Parsed<R["body"]>;
}

/** What a route authenticated by a project secret receives: it checks the secret itself, against the raw body. */
export interface ProjectSecretContext<R extends RouteSpec> {
  req: Request;
  db: Db;
  params: PathParams<R["path"]>;
}

type Context<R extends RouteSpec> = R["auth"] extends { apiKey: Permission } ? ApiKeyContext<R> : ProjectSecretContext<R>;
type ResponseBody<R extends RouteSpec> = z.infer<R["response"]>;

/** A response body with extra headers (rate-limit state, idempotency). */
export class Reply<T> {
  constructor(
    readonly body: T,
    readonly headers: Record<string, string>,
  ) {}
}

/** A 302 to `location`, for routes whose description declares `redirect` (no JSON body). */
export class Redirect {
  constructor(readonly location: string) {}
}
type Answer<R extends RouteSpec> = ResponseBody<R> | Reply<ResponseBody<R>> | (R extends { redirect: string } ? Redirect : never);

const checkResponses = process.env.NODE_ENV !== "production";

function bearerToken(req: Request): string {
  const match = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new UnauthorizedError();
  return match[1];
}

async function apiKeyContext<R extends RouteSpec>(spec: R, permission: Permission, req: Request, db: Db, params: PathParams<R["path"]>) {
  const key = await authenticateApiKey(db, bearerToken(req));
  // The key does at most what the member it acts for may do now.
  const grant: Grant = { kind: "scopes", scopes: key.scopes, role: key.holder.role };
  if (!can(grant, permission)) throw new ForbiddenError(requirementOf(grant, permission));
  const actor: Actor = { type: "api_key", id: key.id, label: `API key "${key.name}"`, ...requestOrigin(req.headers) };
  return {
    req,
    db,
    orgId: key.organizationId,
    key,
    grant,
    actor,
    params,
    query: spec.query ? parseQuery(req, spec.query) : undefined,
    body: spec.body ? await parseBody(req, spec.body) : undefined,
  } as ApiKeyContext<R>;
}

/** Path parameters are ids: text no id can hold (NUL, lone surrogates, kilobytes) names nothing. */
function checkedParams<P extends Record<string, string>>(params: P): P {
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== "string" || value.length > 200 || textProblems(value).length) throw new NotFoundError(`The ${name} in the path`);
  }
  return params;
}

/** The Next.js route handler of `spec`. */
export function handle<R extends RouteSpec>(spec: R, handler: (ctx: Context<R>) => Promise<Answer<R>>) {
  const route = withProblems(async (req: Request, next: { params: Promise<PathParams<R["path"]>> }) => {
    const db = await getDb();
    // Next.js passes no params to a route without dynamic segments (production build).
    const params = checkedParams((await next?.params) ?? ({} as PathParams<R["path"]>));
    const ctx = "apiKey" in spec.auth ? await apiKeyContext(spec, spec.auth.apiKey, req, db, params) : { req, db, params };
    const result = await handler(ctx as Context<R>);
    if (result instanceof Redirect) return new Response(null, { status: 302, headers: { location: result.location, "cache-control": "no-store" } });
    const { body, headers } = result instanceof Reply ? result : { body: result, headers: {} };
    if (checkResponses) spec.response.parse(body);
    return Response.json(body, { status: spec.status ?? 200, headers: { ...(spec.noStore ? { "cache-control": "no-store" } : {}), ...headers } });
  });
  return Object.assign(route, { spec });
}
