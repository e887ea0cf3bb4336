import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, signatureHeaders, signingSecretProblem } from "./sign";
import { verifyWebhook, WebhookVerificationError } from "./verify";

const body = JSON.stringify({ id: "evt_1", type: "build.succeeded", timestamp: "2026-01-15T10:35:00Z", data: { ok: true } });
const now = new Date("2026-01-15T10:35:00Z");
const ts = Math.floor(now.getTime() / 1000);

function sign(secrets: string[], overrides: Partial<Parameters<typeof signatureHeaders>[0]> = {}) {
  return signatureHeaders({ msgId: "evt_1", timestamp: ts, body, secrets, eventType: "build.succeeded", headerPrefix: "X-Webhook-", ...overrides });
}

describe("signing secrets", () => {
  it("generates whsec_ secrets of 32 random bytes that pass their own validation", () => {
    const a = generateSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(signingSecretProblem(a)).toBeNull();
    expect(generateSigningSecret()).not.toBe(a);
  });

  it("explains what is wrong with a bring-your-own secret", () => {
    expect(signingSecretProblem("sk_live_123")).toBe("Secrets start with `whsec_`.");
    expect(signingSecretProblem("whsec_not base64!")).toBe("After `whsec_`, a secret is base64.");
    expect(signingSecretProblem(`whsec_${Buffer.alloc(8).toString("base64")}`)).toContain("24–64 bytes (this one has 8)");
  });
});

describe("Standard Webhooks signatures", () => {
  it("are accepted by the official standardwebhooks library", () => {
    const secret = generateSigningSecret();
    const headers = sign([secret]);
    expect(headers["webhook-id"]).toBe("evt_1");
    expect(headers["webhook-timestamp"]).toBe(String(ts));
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // The library checks the timestamp against the real clock: sign "now" for it.
    const live = sign([secret], { timestamp: Math.floor(Date.now() / 1000) });
    expect(new Webhook(secret).verify(body, live)).toEqual(JSON.parse(body));
  });

  it("verify signatures made by the official library", () => {
    const secret = generateSigningSecret();
    const theirs = new Webhook(secret);
    const signature = theirs.sign("msg_abc", now, body);
    const headers = { "webhook-id": "msg_abc", "webhook-timestamp": String(ts), "webhook-signature": signature };
    expect(verifyWebhook(body, headers, secret, { now })).toEqual(JSON.parse(body));
  });

  it("carry one signature per active secret during a rotation, each verifying on its own", () => {
    const [current, previous] = [generateSigningSecret(), generateSigningSecret()];
    const headers = sign([current, previous], { timestamp: Math.floor(Date.now() / 1000) });
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow();
    expect(verifyWebhook(body, headers, previous)).toEqual(JSON.parse(body));
  });

  it("fail verification when the body, id or timestamp was tampered with", () => {
    const secret = generateSigningSecret();
    const headers = sign([secret]);
    expect(() => verifyWebhook(body.replace("true", "false"), headers, secret, { now })).toThrow("No matching signature");
    expect(() => verifyWebhook(body, { ...headers, "webhook-id": "evt_2" }, secret, { now })).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(body, { ...headers, "webhook-timestamp": String(ts + 1) }, secret, { now })).toThrow(
      "No matching signature",
    );
    expect(() => verifyWebhook(body, headers, generateSigningSecret(), { now })).toThrow("No matching signature");
  });

  it("refuse timestamps outside the tolerance (5 minutes by default)", () => {
    const secret = generateSigningSecret();
    const headers = sign([secret]);
    const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(verifyWebhook(body, headers, secret, { now: later(299) })).toBeTruthy();
    expect(() => verifyWebhook(body, headers, secret, { now: later(301) })).toThrow("too old");
    expect(() => verifyWebhook(body, headers, secret, { now: later(-301) })).toThrow("too new");
    expect(verifyWebhook(body, headers, secret, { now: later(3000), toleranceSeconds: 3600 })).toBeTruthy();
  });

  it("reports missing headers clearly", () => {
    expect(() => verifyWebhook(body, {}, generateSigningSecret())).toThrow("Missing signature headers.");
  });
});

describe("timestamped HMAC signatures", () => {
  it("are the hex HMAC of `{timestamp}.{body}` keyed with the whole whsec_ string, as common receiver snippets compute", () => {
    const secret = generateSigningSecret();
    const headers = sign([secret, generateSigningSecret()]);
    // A typical receiver's Node check: crypto.createHmac('sha256', secret).update(`${timestamp}.${payload}`)
    const expected = "sha256=" + createHmac("sha256", secret).update(`${headers["X-Webhook-Timestamp"]}.${body}`).digest("hex");
    expect(headers["X-Webhook-Signature"]).toBe(expected);
    expect(headers["X-Webhook-Event"]).toBe("build.succeeded");
  });

  it("use the configured prefix and verify with verifyWebhook when no Standard Webhooks headers are present", () => {
    const secret = generateSigningSecret();
    const headers = sign([secret], { headerPrefix: "X-BeatConnect-" });
    expect(Object.keys(headers)).toContain("X-BeatConnect-Signature");
    const timestampedOnly = { "x-beatconnect-signature": headers["X-BeatConnect-Signature"], "x-beatconnect-timestamp": headers["X-BeatConnect-Timestamp"] };
    expect(verifyWebhook(body, timestampedOnly, secret, { now, headerPrefix: "X-BeatConnect-" })).toEqual(JSON.parse(body));
    expect(() => verifyWebhook(body, timestampedOnly, generateSigningSecret(), { now, headerPrefix: "X-BeatConnect-" })).toThrow();
  });
});
