import type { Config } from "tailwindcss";

/**
 * Design tokens for Control Center — the one place they live.
 *
 * app/globals.css loads this file with `@config` and resets Tailwind's default
 * colour palette, so only the colours below exist. Components use token
 * classes (`text-neutral-500`, `bg-danger-50`, `ring-success-200`,
 * `rounded-card`), never raw palette names (`slate-*`, `red-*`, `emerald-*`,
 * `amber-*`, ...): those generate no CSS, and ESLint (eslint.config.mjs)
 * rejects them in app/ and components/.
 *
 * The status colour map that turns a status name into these colours is
 * TONES in components/ui/badge.tsx.
 *
 * The scales keep the exact values of the Tailwind palettes they replace
 * (same oklch() strings as tailwindcss/theme.css), so nothing changes visually.
 */
const config = {
  theme: {
    // Replaces (not extends) the palette: no default colour is generated.
    colors: {
      transparent: "transparent",
      current: "currentColor",
      inherit: "inherit",
      white: "#fff",
      black: "#000",
      // Text, surfaces, borders (= Tailwind slate).
      neutral: {
        50: "oklch(98.4% 0.003 247.858)",
        100: "oklch(96.8% 0.007 247.896)",
        200: "oklch(92.9% 0.013 255.508)",
        300: "oklch(86.9% 0.022 252.894)",
        400: "oklch(70.4% 0.04 256.788)",
        500: "oklch(55.4% 0.046 257.417)",
        600: "oklch(44.6% 0.043 257.281)",
        700: "oklch(37.2% 0.044 257.287)",
        800: "oklch(27.9% 0.041 260.031)",
        900: "oklch(20.8% 0.042 265.755)",
        950: "oklch(12.9% 0.042 264.695)",
      },
      // Succeeded / active states (= Tailwind emerald).
      success: {
        50: "oklch(97.9% 0.021 166.113)",
        100: "oklch(95% 0.052 163.051)",
        200: "oklch(90.5% 0.093 164.15)",
        300: "oklch(84.5% 0.143 164.978)",
        400: "oklch(76.5% 0.177 163.223)",
        500: "oklch(69.6% 0.17 162.48)",
        600: "oklch(59.6% 0.145 163.225)",
        700: "oklch(50.8% 0.118 165.612)",
        800: "oklch(43.2% 0.095 166.913)",
        900: "oklch(37.8% 0.077 168.94)",
        950: "oklch(26.2% 0.051 172.552)",
      },
      // Warnings, disabled / expired states (= Tailwind amber).
      warning: {
        50: "oklch(98.7% 0.022 95.277)",
        100: "oklch(96.2% 0.059 95.617)",
        200: "oklch(92.4% 0.12 95.746)",
        300: "oklch(87.9% 0.169 91.605)",
        400: "oklch(82.8% 0.189 84.429)",
        500: "oklch(76.9% 0.188 70.08)",
        600: "oklch(66.6% 0.179 58.318)",
        700: "oklch(55.5% 0.163 48.998)",
        800: "oklch(47.3% 0.137 46.201)",
        900: "oklch(41.4% 0.112 45.904)",
        950: "oklch(27.9% 0.077 45.635)",
      },
      // Errors, failed / revoked states, destructive actions (= Tailwind red).
      danger: {
        50: "oklch(97.1% 0.013 17.38)",
        100: "oklch(93.6% 0.032 17.717)",
        200: "oklch(88.5% 0.062 18.334)",
        300: "oklch(80.8% 0.114 19.571)",
        400: "oklch(70.4% 0.191 22.216)",
        500: "oklch(63.7% 0.237 25.331)",
        600: "oklch(57.7% 0.245 27.325)",
        700: "oklch(50.5% 0.213 27.518)",
        800: "oklch(44.4% 0.177 26.899)",
        900: "oklch(39.6% 0.141 25.723)",
        950: "oklch(25.8% 0.092 26.042)",
      },
      // Primary actions, links, focus rings, informational states.
      brand: {
        50: "#eef4ff",
        100: "#dbe7ff",
        500: "#3b6cf6",
        600: "#2a56e0",
        700: "#2345b5",
      },
    },
    fontFamily: {
      sans: ["ui-sans-serif", "system-ui", "-apple-system", '"Segoe UI"', "Roboto", '"Helvetica Neue"', "Arial", "sans-serif"],
      mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", '"Liberation Mono"', "monospace"],
    },
    extend: {
      // Shapes of the ui primitives (components/ui); Tailwind's rounded-sm … rounded-full stay available.
      borderRadius: {
        control: "0.375rem", // inputs, buttons, icon buttons
        tile: "0.5rem", // selectable option tiles (radio cards)
        card: "0.75rem", // cards, tables, dialogs
        pill: "9999px", // badges, switch tracks
      },
    },
  },
} satisfies Config;

export default config;
