// Compatibility signatures (docs/delivery.md#compatibility-signatures) through the whole path:
// an endpoint configured with a scheme and header, a real event through the delivery core, and a
// real local receiver whose check is written the way each platform's public docs verify their
// own webhooks. A receiver answers 204 when its check passes and 401 when it does not, so a
// delivery only succeeds when the receiver accepts the signature. Then the same request, with
// one character of the body changed or checked with another secret, must be refused. The
// receiver code the endpoint form shows (components/webhooks/compat-receiver-code.ts) is run
// against the same requests.
import { spawnSync } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { compatReceiverCode } from "@/components/webhooks/compat-receiver-code";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { publishEvent } from "@/lib/delivery/publish";
import { createSender } from "@/lib/delivery/sender";
import { deliverDueOnce } from "@/lib/delivery/worker";
import { createEndpoint, revealSecret } from "@/lib/webhooks";
import type { CompatScheme, CompatSignatureInput } from "@/lib/webhooks/schemas";
import { generateSigningSecret } from "@/lib/webhooks/sign";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { startReceiver, type ReceivedRequest, type Receiver } from "../helpers/receiver";

const urlPolicy = { allowHttp: true, allowPrivate: true };
// The clock is injected, but set to the real time: the form's timestamped receiver code checks
// the timestamp against Date.now(), as a real receiver does.
const start = new Date(Math.floor(Date.now() / 1000) * 1000);
const nowSeconds = () => Math.floor(start.getTime() / 1000);
// Non-ASCII and characters JSON could escape: receivers that re-serialize the parsed body still match.
const PROJECT_NAME = "Café ✓ <MyPlugin> & \"quotes\"";

type Verify = (req: Pick<ReceivedRequest, "headers" | "body">, secret: string) => boolean;

const headerOf = (req: Pick<ReceivedRequest, "headers">, name: string) => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};
const hmacHex = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("hex");
/** Constant-time equality; different lengths are unequal (timingSafeEqual would throw). */
const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
/** What an Express app gets from express.json() and then JSON.stringify()s again. */
const reserialized = (raw: string) => {
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    return null;
  }
};

// Each receiver follows its platform's documented check (/work/shared/seeds), written from the algorithm.

/** BuildPixel: `X-BuildPixel-Signature` must start with "sha256=", then equal "sha256=" + hex HMAC of the raw body. */
const buildPixel: Verify = (req, secret) => {
  const signature = headerOf(req, "X-BuildPixel-Signature");
  if (!signature?.startsWith("sha256=")) return false;
  return sameText(signature, `sha256=${hmacHex(secret, req.body)}`);
};

/** Boottify: the handler re-serializes the parsed JSON body, HMACs it, and compares `X-Boottify-Signature` with `sha256=<hex>`. */
const boottify: Verify = (req, secret) => {
  const payload = reserialized(req.body);
  return payload !== null && sameText(headerOf(req, "X-Boottify-Signature") ?? "", `sha256=${hmacHex(secret, payload)}`);
};

/** Capawesome: the hex HMAC of the raw body compared, as UTF-8 bytes, with `X-Signature` (no prefix). */
const capawesome: Verify = (req, secret) => sameText(hmacHex(secret, req.body), headerOf(req, "X-Signature") ?? "");

/** DeskForge: hex HMAC of JSON.stringify(parsed body) compared with `X-DeskForge-Signature` (no prefix). */
const deskForge: Verify = (req, secret) => {
  const payload = reserialized(req.body);
  return payload !== null && sameText(headerOf(req, "X-DeskForge-Signature") ?? "", hmacHex(secret, payload));
};

/**
 * BeatConnect: `X-BeatConnect-Signature` = "sha256=" + hex HMAC of "{timestamp}.{body}" with
 * `X-BeatConnect-Timestamp`, refused when the timestamp is more than 300 s from the receiver's clock.
 */
const beatConnect: Verify = (req, secret) => {
  const timestamp = headerOf(req, "X-BeatConnect-Timestamp") ?? "";
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds() - Number(timestamp)) > 300) return false;
  return sameText(headerOf(req, "X-BeatConnect-Signature") ?? "", `sha256=${hmacHex(secret, `${timestamp}.${req.body}`)}`);
};

type Platform = {
  name: string;
  verify: Verify;
  compat: NonNullable<CompatSignatureInput>;
  /** The operator's SIGNATURE_HEADER_PREFIX for this delivery (the timestamp header's prefix). */
  headerPrefix: string;
  /** The header the signature arrives in. */
  header: string;
};

const PLATFORMS: Platform[] = [
  { name: "BuildPixel", verify: buildPixel, compat: { scheme: "body-sha256", header: "X-BuildPixel-Signature" }, headerPrefix: "X-Webhook-", header: "X-BuildPixel-Signature" },
  { name: "Boottify", verify: boottify, compat: { scheme: "body-sha256", header: "X-Boottify-Signature" }, headerPrefix: "X-Webhook-", header: "X-Boottify-Signature" },
  { name: "Capawesome", verify: capawesome, compat: { scheme: "body-hex", header: "X-Signature" }, headerPrefix: "X-Webhook-", header: "X-Signature" },
  { name: "DeskForge", verify: deskForge, compat: { scheme: "body-hex", header: "X-DeskForge-Signature" }, headerPrefix: "X-Webhook-", header: "X-DeskForge-Signature" },
  // An operator running with SIGNATURE_HEADER_PREFIX=X-BeatConnect- and the default header.
  { name: "BeatConnect", verify: beatConnect, compat: { scheme: "timestamped" }, headerPrefix: "X-BeatConnect-", header: "X-BeatConnect-Signature" },
];

let opened: OpenedDatabase;
let receiver: Receiver;
let dir: string;
/** What the receiver checks each path with: the platform's verify and the endpoint's secret. */
const checks = new Map<string, { verify: Verify; secret: string }>();

beforeAll(async () => {
  opened = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), "compat-receivers-"));
  receiver = await startReceiver((req, res) => {
    const check = checks.get(req.path);
    const accepted = check ? check.verify(req, check.secret) : true;
    res.writeHead(accepted ? 204 : 401);
    res.end(accepted ? undefined : "Invalid signature");
  });
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  receiver.requests.length = 0;
});

/** A new organization with one endpoint at `path`; one event published to it and delivered through the core. */
async function deliverOne(path: string, compat: CompatSignatureInput | undefined, headerPrefix = "X-Webhook-", verify?: Verify) {
  const { org } = await createOrgWithUser(opened.db);
  const endpoint = await createEndpoint(
    opened.db,
    org.id,
    { name: path, url: `${receiver.url}${path}`, events: [], format: "standard", headers: {}, active: true, ...(compat === undefined ? {} : { compat_signature: compat }) },
    systemActor,
    urlPolicy,
  );
  const { secret } = await revealSecret(opened.db, org.id, endpoint.id, systemActor);
  if (verify) checks.set(path, { verify, secret });
  const { message } = await publishEvent(
    opened.db,
    { orgId: org.id, type: "project.updated", data: { project: { id: "proj_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name: PROJECT_NAME } } },
    start,
  );
  const ctx = deliveryContext(opened.db, { now: () => start, send: createSender({ allowPrivate: true }), headerPrefix });
  expect(await deliverDueOnce(ctx)).toBe(1);
  const delivery = await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } });
  const request = receiver.requests.find((r) => r.path === path);
  if (!request) throw new Error(`nothing arrived at ${path}`);
  return { delivery, request, secret, message };
}

/** Sends a recorded request again, over HTTP, with another body. */
async function replay(request: ReceivedRequest, body: string) {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !["host", "content-length", "connection", "transfer-encoding"].includes(name)),
  ) as Record<string, string>;
  const res = await fetch(`${receiver.url}${request.path}`, { method: "POST", headers, body });
  await res.arrayBuffer();
  return res.status;
}

const tamper = (body: string) => body.replace("MyPlugin", "MyPlugln");

const byName = PLATFORMS.map((platform) => [platform.name, platform] as const);

describe.each(byName)("a receiver that checks signatures the way %s documents", (_name, platform) => {
  const path = `/${platform.name.toLowerCase()}`;

  it(`accepts a delivery signed with ${platform.compat.scheme} in ${platform.header}, and refuses a changed body or another secret`, async () => {
    const { delivery, request, secret } = await deliverOne(path, platform.compat, platform.headerPrefix, platform.verify);
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1, lastResponseStatus: 204 });
    expect(headerOf(request, platform.header)).toEqual(expect.any(String));
    expect(platform.verify(request, secret)).toBe(true);

    // The same request with one character of the body changed, over HTTP: refused.
    expect(tamper(request.body)).not.toBe(request.body);
    expect(await replay(request, tamper(request.body))).toBe(401);
    expect(await replay(request, request.body)).toBe(204);
    // Checked with another secret: refused.
    expect(platform.verify(request, generateSigningSecret())).toBe(false);
    // Standard Webhooks headers are always there, and verify.
    expect(new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toMatchObject({ type: "project.updated" });
  });
});

describe("the receiver code the endpoint form shows", () => {
  type FormVerify = (rawBody: string | Buffer, headers: Record<string, unknown>, secret: string) => boolean;

  async function formNodeCode(scheme: CompatScheme, header: string, headerPrefix: string, file: string): Promise<FormVerify> {
    writeFileSync(join(dir, file), compatReceiverCode("node", { scheme, header, headerPrefix }));
    return ((await import(/* @vite-ignore */ pathToFileURL(join(dir, file)).href)) as { verifySignature: FormVerify }).verifySignature;
  }

  it.each(byName)("verifies what the %s receiver gets, with its header names filled in", async (_name, platform) => {
    const path = `/form-node-${platform.name.toLowerCase()}`;
    const { request, secret } = await deliverOne(path, platform.compat, platform.headerPrefix);
    const verify = await formNodeCode(platform.compat.scheme, platform.header, platform.headerPrefix, `${platform.name}.mjs`);
    expect(verify(request.body, request.headers, secret)).toBe(true);
    expect(verify(Buffer.from(request.body), request.headers, secret)).toBe(true);
    expect(verify(tamper(request.body), request.headers, secret)).toBe(false);
    expect(verify(request.body, request.headers, generateSigningSecret())).toBe(false);
    expect(verify(request.body, {}, secret)).toBe(false);
  });

  it("refuses a timestamped signature whose timestamp is older than the tolerance", async () => {
    const verify = await formNodeCode("timestamped", "X-Webhook-Signature", "X-Webhook-", "old-timestamp.mjs");
    const secret = generateSigningSecret();
    const body = '{"type":"project.updated"}';
    const old = nowSeconds() - 301;
    const headers = { "x-webhook-timestamp": String(old), "x-webhook-signature": `sha256=${hmacHex(secret, `${old}.${body}`)}` };
    expect(verify(body, headers, secret)).toBe(false);
    const fresh = { "x-webhook-timestamp": String(nowSeconds()), "x-webhook-signature": `sha256=${hmacHex(secret, `${nowSeconds()}.${body}`)}` };
    expect(verify(body, fresh, secret)).toBe(true);
  });

  const python = spawnSync("python3", ["--version"]).status === 0;

  it.skipIf(!python)("in Python verifies every scheme and refuses a changed body or another secret", async () => {
    const cases = [];
    for (const platform of PLATFORMS) {
      const path = `/form-python-${platform.name.toLowerCase()}`;
      const { request, secret } = await deliverOne(path, platform.compat, platform.headerPrefix);
      const code = compatReceiverCode("python", { scheme: platform.compat.scheme, header: platform.header, headerPrefix: platform.headerPrefix });
      for (const [body, key] of [
        [request.body, secret],
        [tamper(request.body), secret],
        [request.body, generateSigningSecret()],
      ] as const) {
        cases.push({ code, body, headers: request.headers, secret: key });
      }
    }
    // Each case defines verify_signature afresh from the code the form shows for that endpoint.
    const script = `import json, sys

class Headers(dict):
    """Case-insensitive, as Flask's and Django's request.headers are."""
    def get(self, key, default=None):
        return next((v for k, v in self.items() if k.lower() == key.lower()), default)

results = []
for case in json.load(sys.stdin):
    scope = {}
    exec(case["code"], scope)
    results.append(scope["verify_signature"](case["body"].encode(), Headers(case["headers"]), case["secret"]))
print(json.dumps(results))
`;
    writeFileSync(join(dir, "verify.py"), script);
    const run = spawnSync("python3", [join(dir, "verify.py")], { input: JSON.stringify(cases), encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(PLATFORMS.flatMap(() => [true, false, false]));
  });
});

describe("the signature headers of an endpoint", () => {
  it("without a compatibility signature, carry the Standard Webhooks headers only", async () => {
    const { delivery, request, secret, message } = await deliverOne("/standard-only", null);
    expect(delivery).toMatchObject({ status: "succeeded", lastResponseStatus: 204 });
    expect(request.headers["webhook-id"]).toBe(message.id);
    expect(request.headers["webhook-timestamp"]).toBe(String(nowSeconds()));
    expect(new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toMatchObject({ id: message.id });
    const names = Object.keys(request.headers);
    expect(names).not.toContain("x-webhook-signature");
    expect(names).not.toContain("x-webhook-timestamp");
    expect(names.filter((name) => name.includes("signature"))).toEqual(["webhook-signature"]);
  });

  it("of a new endpoint carry the timestamped signature in X-Webhook-Signature next to Standard Webhooks", async () => {
    const { request, secret } = await deliverOne("/default", undefined);
    const timestamp = String(request.headers["x-webhook-timestamp"]);
    expect(timestamp).toBe(String(nowSeconds()));
    expect(request.headers["x-webhook-signature"]).toBe(`sha256=${hmacHex(secret, `${timestamp}.${request.body}`)}`);
    expect(request.headers["x-webhook-event"]).toBe("project.updated");
    expect(request.headers["webhook-signature"]).toMatch(/^v1,/);
  });
});
