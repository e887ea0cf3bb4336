// The running server: what happens once at start (boot: database, demo, delivery engine) and
// the health check.
export { boot } from "./boot";
export { checkHealth } from "./health";
