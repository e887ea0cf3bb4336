// The description of an API route, written once in ./routes and read by the route guard
// (./handle.ts: authentication, permission, parsing) and by the OpenAPI document
// (./openapi.ts). Handlers return bodies typed by the route's response schema.
import { z } from "zod";
import type { Permission } from "@/lib/auth";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** How callers authenticate. */
export type RouteAuth =
  /** `Authorization: Bearer cc_live_…` of a key holding the permission's scope (docs/security.md). */
  | { apiKey: Permission }
  /** The project's trigger secret, checked by the handler against the raw body (docs/triggers.md#manual-trigger). */
  | { projectSecret: "trigger" };

export interface RouteDefinition {
  method: HttpMethod;
  /** Under /api/v1, with {name} path parameters: "/webhooks/{webhookId}". */
  path: string;
  summary: string;
  /** The OpenAPI tag the route is listed under. */
  tag: string;
  auth: RouteAuth;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A valid body, shown in the OpenAPI document (and sent by tests that need one). Required with `body`. */
  example?: unknown;
  /** The success status (200 when absent). */
  status?: number;
  /** The success body. */
  response: z.ZodType;
  /** When the route may answer `302` instead (the handler returns a `Redirect`): what the Location is. */
  redirect?: string;
  /** The body holds a secret: the answer must never be cached. */
  noStore?: boolean;
}

export type RouteSpec = RouteDefinition & { operationId: string };

/** Route definitions keyed by their OpenAPI operationId. */
export function defineRoutes<const T extends Record<string, RouteDefinition>>(definitions: T): { [K in keyof T]: T[K] & { operationId: K & string } } {
  return Object.fromEntries(Object.entries(definitions).map(([operationId, d]) => [operationId, { ...d, operationId }])) as never;
}

type ParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;
/** The path parameters of a route path: "/webhooks/{webhookId}" → { webhookId: string }. */
export type PathParams<Path extends string> = { [Name in ParamNames<Path>]: string };

/** A cursor-paginated list of `item`: `{ data, next_cursor }`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}

/** The answer to a DELETE. */
export const deletedResource = z.object({ id: z.string(), deleted: z.literal(true) });
