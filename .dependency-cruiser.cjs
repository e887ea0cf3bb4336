// Import rules: the layers of lib/ (docs/architecture.md), checked by `npm run lint`.
// Each layer may import only the layers listed after it; inside a layer, the order given
// is the order of imports too. A back import or a cycle fails lint.
/** Top to bottom. Each entry is one step of the one-way order. */
const LAYERS = [
  ["app"],
  ["components"],
  ["lib/actions"],
  ["lib/api", "lib/server"],
  ["lib/demo"],
  // domain, in its one declared order
  ["lib/triggers"],
  ["lib/builds"],
  ["lib/projects"],
  ["lib/delivery"],
  ["lib/webhooks"],
  // platform
  ["lib/auth"],
  ["lib/organizations"],
  ["lib/audit"],
  // foundation
  ["lib/validation"],
  ["lib/rate-limit"],
  ["lib/mail"],
  ["lib/db"],
  ["lib/crypto"],
  ["lib/config"],
  ["lib/errors"],
];

const folder = (path) => `^${path.replace("/", "\\/")}/`;
const any = (paths) => `(${paths.map(folder).join("|")})`;

const layerRules = LAYERS.slice(1).map((level, index) => {
  const above = LAYERS.slice(0, index + 1).flat();
  return {
    name: `down-only:${level.join("+")}`,
    comment: `${level.join(" and ")} may not import ${above.join(", ")}: imports only go down the layers (docs/architecture.md).`,
    severity: "error",
    from: { path: any(level) },
    to: { path: any(above) },
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "no-cycles",
      comment: "Modules may not import each other, directly or through others.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-folder-cycles",
      comment: "Folders may not import each other, directly or through others.",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.next|lib/db/generated)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".tsx", ".js", ".mjs"] },
  },
};
