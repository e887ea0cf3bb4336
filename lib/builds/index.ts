// Builds (docs/triggers.md#builds): the build lifecycle (numbering, superseding, runner
// status changes, cancelling), deployments and custom domains. Every state change publishes
// its event in the same transaction as the change.
export * from "./builds";
export * from "./deployments";
export * from "./domains";
export * from "./queue-build";
export * from "./resources";
export * from "./schemas";
export * from "./state-machine";
