// Calls exported Next.js route handlers (GET, POST, …) directly with a real Request,
// the way the App Router does, without starting a server.
import { expect } from "vitest";

type RouteHandler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export type CallOptions<P> = {
  method?: string;
  /** Path ("/api/v1/projects?limit=2") or absolute URL. */
  url: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON (with Content-Type application/json); strings are sent as they are. */
  body?: unknown;
  params?: P;
  /** Shorthand for `Authorization: Bearer <key>`. */
  key?: string;
};

export async function callRoute<P = Record<string, never>>(handler: RouteHandler<P>, options: CallOptions<P>): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.key && !headers.has("authorization")) headers.set("authorization", `Bearer ${options.key}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === "string") {
      body = options.body;
    } else {
      body = JSON.stringify(options.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
  }
  const request = new Request(new URL(options.url, "http://localhost:3000"), {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  return handler(request, { params: Promise.resolve((options.params ?? {}) as P) });
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string; code?: string }[];
};

/** Asserts an RFC 9457 problem response with this status and returns its body. */
export async function expectProblem(response: Response, status: number): Promise<Problem> {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as Problem;
  expect({ httpStatus: response.status, bodyStatus: body.status }).toEqual({ httpStatus: status, bodyStatus: status });
  expect(body.detail).toEqual(expect.any(String));
  return body;
}

/** Asserts a JSON success response with this status and returns its body. */
export async function expectJson<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body as T;
}
