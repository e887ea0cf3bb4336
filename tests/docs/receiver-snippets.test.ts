// The verification code shown on /docs/webhooks must verify what the signer sends: these tests run the
// exact snippets (components/docs/snippets/receiving.ts) against headers made by lib/webhooks/sign.ts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NODE_VERIFY, PYTHON_VERIFY, nodeCompatVerify, pythonCompatVerify } from "@/components/docs/snippets/receiving";
import { envelopeBody } from "@/lib/webhooks/envelope";
import { COMPAT_SIGNATURE_SCHEMES } from "@/lib/webhooks/schemas";
import { generateSigningSecret, signatureHeaders, type CompatSignature } from "@/lib/webhooks/sign";

const PREFIX = "X-Webhook-";
const secret = generateSigningSecret();
const previousSecret = generateSigningSecret();
// Non-ASCII on purpose: the signature covers the UTF-8 bytes of the body.
const body = envelopeBody({ id: "evt_01JH6ZB2C3D4E5F6G7H8J9K0MN", type: "build.succeeded", createdAt: new Date(), payload: { note: "café ✓" } });

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

/** Headers as a receiver sees them: lower-case names (Node) for the request the signer produced. */
function signed(options: { secrets?: string[]; timestamp?: number; compat?: CompatSignature | null } = {}) {
  const headers = signatureHeaders({
    msgId: "evt_01JH6ZB2C3D4E5F6G7H8J9K0MN",
    timestamp: options.timestamp ?? nowSeconds(),
    body,
    secrets: options.secrets ?? [secret],
    eventType: "build.succeeded",
    headerPrefix: PREFIX,
    compat: options.compat,
  });
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

type VerifyWebhook = (rawBody: string | Buffer, headers: Record<string, string>, secret: string, toleranceSeconds?: number) => { id: string };
type VerifyCompat = (rawBody: string | Buffer, headers: Record<string, string>, secret: string, scheme: string, header?: string) => boolean;

let dir: string;
let verifyWebhook: VerifyWebhook;
let verifyCompatSignature: VerifyCompat;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "docs-snippets-"));
  writeFileSync(join(dir, "verify.mjs"), NODE_VERIFY);
  writeFileSync(join(dir, "compat.mjs"), nodeCompatVerify(PREFIX));
  ({ verifyWebhook } = (await import(/* @vite-ignore */ pathToFileURL(join(dir, "verify.mjs")).href)) as { verifyWebhook: VerifyWebhook });
  ({ verifyCompatSignature } = (await import(/* @vite-ignore */ pathToFileURL(join(dir, "compat.mjs")).href)) as { verifyCompatSignature: VerifyCompat });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the Node snippet on /docs/webhooks", () => {
  it("verifies a request signed by Control Center and returns the event", () => {
    expect(verifyWebhook(Buffer.from(body), signed(), secret).id).toBe("evt_01JH6ZB2C3D4E5F6G7H8J9K0MN");
    expect(verifyWebhook(body, signed(), secret).id).toBe("evt_01JH6ZB2C3D4E5F6G7H8J9K0MN");
  });

  it("verifies with either secret while a rotation overlaps (one signature per live secret)", () => {
    const headers = signed({ secrets: [secret, previousSecret] });
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(verifyWebhook(body, headers, secret).id).toBeTruthy();
    expect(verifyWebhook(body, headers, previousSecret).id).toBeTruthy();
  });

  it("refuses a changed body, another secret, a timestamp outside the tolerance and missing headers", () => {
    expect(() => verifyWebhook(body.replace("café", "cafe"), signed(), secret)).toThrow("No matching signature");
    expect(() => verifyWebhook(body, signed(), generateSigningSecret())).toThrow("No matching signature");
    expect(() => verifyWebhook(body, signed({ timestamp: nowSeconds() - 301 }), secret)).toThrow("Timestamp outside the tolerance");
    expect(() => verifyWebhook(body, signed({ timestamp: nowSeconds() + 301 }), secret)).toThrow("Timestamp outside the tolerance");
    const unsigned = signed();
    delete unsigned["webhook-signature"];
    expect(() => verifyWebhook(body, unsigned, secret)).toThrow("Missing webhook headers");
  });

  it.each(COMPAT_SIGNATURE_SCHEMES)("checks the %s compatibility signature in the header the endpoint names", (scheme) => {
    const compat = { scheme, header: "X-Hub-Signature-256" };
    expect(verifyCompatSignature(body, signed({ compat }), secret, scheme, compat.header)).toBe(true);
    expect(verifyCompatSignature(body.replace("café", "cafe"), signed({ compat }), secret, scheme, compat.header)).toBe(false);
    expect(verifyCompatSignature(body, signed({ compat }), previousSecret, scheme, compat.header)).toBe(false);
  });

  it("checks the default timestamped signature in X-Webhook-Signature and refuses an old one", () => {
    expect(verifyCompatSignature(body, signed(), secret, "timestamped")).toBe(true);
    expect(verifyCompatSignature(body, signed({ timestamp: nowSeconds() - 301 }), secret, "timestamped")).toBe(false);
  });
});

const python = spawnSync("python3", ["--version"]).status === 0;

// The Python snippets, run by python3 with headers in a case-insensitive mapping (as Flask and Django give them).
function runPython(cases: Array<{ kind: "standard" | "compat"; body: string; headers: Record<string, string>; secret: string; scheme?: string; header?: string }>) {
  const script = `import json, sys
${PYTHON_VERIFY}

${pythonCompatVerify(PREFIX)}

class Headers(dict):
    def get(self, key, default=None):
        return next((v for k, v in self.items() if k.lower() == key.lower()), default)

results = []
for case in json.load(sys.stdin):
    headers, raw = Headers(case["headers"]), case["body"].encode()
    try:
        if case["kind"] == "standard":
            results.append({"ok": True, "id": verify_webhook(raw, headers, case["secret"])["id"]})
        else:
            results.append({"ok": verify_compat_signature(raw, headers, case["secret"], case["scheme"], case["header"])})
    except ValueError as error:
        results.append({"ok": False, "error": str(error)})
print(json.dumps(results))
`;
  const file = join(dir, "verify.py");
  writeFileSync(file, script);
  const run = spawnSync("python3", [file], { input: JSON.stringify(cases), encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Array<{ ok: boolean; id?: string; error?: string }>;
}

describe.skipIf(!python)("the Python snippets on /docs/webhooks", () => {
  it("verify Standard Webhooks signatures, during a rotation too, and refuse tampering and old timestamps", () => {
    const rotated = signed({ secrets: [secret, previousSecret] });
    const results = runPython([
      { kind: "standard", body, headers: signed(), secret },
      { kind: "standard", body, headers: rotated, secret: previousSecret },
      { kind: "standard", body: body.replace("café", "cafe"), headers: signed(), secret },
      { kind: "standard", body, headers: signed({ timestamp: nowSeconds() - 301 }), secret },
    ]);
    expect(results).toEqual([
      { ok: true, id: "evt_01JH6ZB2C3D4E5F6G7H8J9K0MN" },
      { ok: true, id: "evt_01JH6ZB2C3D4E5F6G7H8J9K0MN" },
      { ok: false, error: "no matching signature" },
      { ok: false, error: "timestamp outside the tolerance" },
    ]);
  });

  it("check every compatibility signature scheme", () => {
    const cases = COMPAT_SIGNATURE_SCHEMES.flatMap((scheme) => {
      const headers = signed({ compat: { scheme, header: "X-Hub-Signature-256" } });
      return [
        { kind: "compat" as const, body, headers, secret, scheme, header: "X-Hub-Signature-256" },
        { kind: "compat" as const, body: `${body} `, headers, secret, scheme, header: "X-Hub-Signature-256" },
      ];
    });
    expect(runPython(cases).map((r) => r.ok)).toEqual([true, false, true, false, true, false]);
  });
});
