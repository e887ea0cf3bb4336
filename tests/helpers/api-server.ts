// /api/v1 over real HTTP on 127.0.0.1 (random port), for tests that call the API the way an
// outside client does (a generated client, fetch). Each request goes to the route file the
// route table (lib/api/routes) names for its method and path, as the App Router would route
// it; other paths get the catch-all 404, and /api/v1/openapi.json the document.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { ROUTES } from "@/lib/api/routes";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
type RouteModule = Partial<Record<string, Handler>>;

const apiDir = join(__dirname, "..", "..", "app", "api", "v1");
const load = (...segments: string[]) => import(/* @vite-ignore */ join(apiDir, ...segments, "route.ts")) as Promise<RouteModule>;

/**
 * "/webhooks/{webhookId}" → a pattern capturing webhookId, and the route file's folders. Paths
 * with fewer parameters are tried first: like the App Router, a static segment wins.
 */
const table = ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`),
  folders: route.path.replace(/\{(\w+)\}/g, "[$1]").split("/").filter(Boolean),
  parameters: route.path.split("{").length - 1,
})).sort((a, b) => a.parameters - b.parameters);

async function handlerFor(method: string, path: string): Promise<{ handler: Handler; params: Record<string, string> }> {
  if (path === "/openapi.json" && method === "GET") return { handler: (await load("openapi.json")).GET!, params: {} };
  for (const { route, pattern, folders } of table) {
    const match = route.method === method ? pattern.exec(path) : null;
    if (!match) continue;
    const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]));
    return { handler: (await load(...folders))[method]!, params };
  }
  const catchAll = await load("[...path]");
  return { handler: catchAll[method] ?? catchAll.GET!, params: {} };
}

async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export async function startApiServer() {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const method = req.method ?? "GET";
      const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const { handler, params } = await handlerFor(method, url.pathname.replace(/^\/api\/v1/, ""));
      const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The API's base URL: `http://127.0.0.1:<port>/api/v1`. */
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
