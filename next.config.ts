import type { NextConfig } from "next";

// Security headers on every response (docs/security.md#http-headers). Next.js streams its page
// data in inline <script> tags and styles some elements inline, so script-src and style-src allow
// 'unsafe-inline' (nonces would need a per-request proxy and fully dynamic rendering);
// everything else comes from this origin only, and no other site may frame a page.
const development = process.env.NODE_ENV === "development";

const contentSecurityPolicy = [
  "default-src 'self'",
  // The dev server's React Refresh evaluates code; production never does.
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${development ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  // Forms post to this site; "Continue with GitHub" may continue to github.com.
  "form-action 'self' https://github.com",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time: they read WebAssembly and data files
  // relative to their own folders, which bundling would break.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
