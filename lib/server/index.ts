// The running server: starting it once (boot: database, demo, delivery engine; or exit with
// the reason) and the health check.
export { checkHealth } from "./health";
export { startServer } from "./start";
