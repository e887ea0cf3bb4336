import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Raw Tailwind palette classes (bg-slate-50, text-red-700, ...) generate no CSS: the palette is
// reset in app/globals.css and the colours are the design tokens in tailwind.config.ts.
const RAW_PALETTE =
  "(^|[^A-Za-z0-9])(slate|gray|zinc|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)-[0-9]";
const RAW_PALETTE_MESSAGE =
  "Raw Tailwind palette class: use the design tokens from tailwind.config.ts (neutral-*, brand-*, success-*, warning-*, danger-*) instead.";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    files: ["app/**/*.tsx", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: `Literal[value=/${RAW_PALETTE}/]`, message: RAW_PALETTE_MESSAGE },
        { selector: `TemplateElement[value.raw=/${RAW_PALETTE}/]`, message: RAW_PALETTE_MESSAGE },
      ],
    },
  },
  {
    ignores: [".next/**", ".data/**", "lib/db/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
];

export default config;
