// The embedded default's demo: the seeded organization, user, project and API key printed at
// first start, and the runner that moves builds along so a newcomer sees the whole loop.
export * from "./runner";
export * from "./seed";
