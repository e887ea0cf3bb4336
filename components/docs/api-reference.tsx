"use client";

// The API reference renderer (Scalar), loaded in the browser only (see api-reference-loader.tsx). It reads the
// OpenAPI document the route table generates (lib/api/openapi.ts) and works offline: no web fonts, telemetry,
// AI agent or request proxy, so the page makes no request outside this origin.
import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";
import "./api-reference.css";

type Configuration = Parameters<typeof ApiReferenceReact>[0]["configuration"];

const OPENAPI_URL = "/api/v1/openapi.json";

const CONFIGURATION: Configuration = {
  url: OPENAPI_URL,
  // Requests sent from the page go to the origin it was loaded from, whatever host the document names.
  servers: [{ url: "/api/v1", description: "This Control Center" }],
  layout: "modern",
  theme: "default",
  forceDarkModeState: "light",
  hideDarkModeToggle: true,
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: "never",
  agent: { disabled: true },
  mcp: { disabled: true },
  documentDownloadType: "json",
  operationTitleSource: "summary",
  orderRequiredPropertiesFirst: true,
  authentication: { preferredSecurityScheme: "bearer" },
  defaultHttpClient: { targetKey: "shell", clientKey: "curl" },
};

export default function ApiReference() {
  return (
    <div className="docs-api-reference">
      <ApiReferenceReact configuration={CONFIGURATION} />
    </div>
  );
}
