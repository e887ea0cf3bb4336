// Validation at the boundary, shared by every concept: zod parsing with field errors, and
// cursor pagination.
export * from "./body";
export * from "./field-errors";
export * from "./pagination";
export * from "./parse";
export * from "./text";
