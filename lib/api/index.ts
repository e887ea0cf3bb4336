// The public REST API (/api/v1): every route described once (./routes), the guard that
// builds route handlers from those descriptions, problem+json errors, and the OpenAPI
// document generated from the same descriptions.
export * from "./handle";
export * from "./problem";
export * from "./route";
export { routes } from "./routes";
