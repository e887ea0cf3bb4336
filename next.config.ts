import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time: they read WebAssembly and data files
  // relative to their own folders, which bundling would break.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
};

export default nextConfig;
