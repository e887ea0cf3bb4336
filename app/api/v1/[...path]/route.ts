import { problem } from "@/lib/api";

function notFound(req: Request) {
  const path = new URL(req.url).pathname;
  return problem(404, "not_found", `No API route ${req.method} ${path}. The routes are listed in /api/v1/openapi.json.`, { instance: path });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
