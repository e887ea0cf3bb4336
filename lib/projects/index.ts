// Projects: creation (with their trigger and GitHub secrets), listing, updates.
export * from "./projects";
export * from "./schemas";
