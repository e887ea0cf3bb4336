// Rate limits shared by every app instance (triggers, and whatever else a caller may do only
// so often): fixed windows counted in the database or Redis.
export * from "./limit";
export * from "./store";
