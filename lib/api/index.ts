// Shared route-handler helpers: the API-key guard, zod parsing, problem+json, pagination.
export * from "./handler";
export * from "./pagination";
export * from "./parse";
export * from "./problem";
