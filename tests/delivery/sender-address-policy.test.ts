// The sender's connect-time address check with a stand-in DNS: link-local and metadata
// addresses are refused even when private destinations are allowed (the embedded default),
// whatever spelling the answer uses; private ones follow ALLOW_PRIVATE_ENDPOINTS.
import type { LookupAddress } from "node:dns";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSender, type ResolveAll } from "@/lib/delivery/sender";
import { startReceiver, type Receiver } from "../helpers/receiver";

let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(() => receiver.close());

const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const v6 = (address: string): LookupAddress => ({ address, family: 6 });

// Every name resolves to its list; 127.0.0.1 is the test receiver, so a check that let a name
// through would reach it.
const DNS: Record<string, LookupAddress[]> = {
  "receiver.test": [v4("127.0.0.1")],
  "metadata.test": [v4("169.254.169.254")],
  "metadata-then-receiver.test": [v4("169.254.169.254"), v4("127.0.0.1")],
  "receiver-then-metadata.test": [v4("127.0.0.1"), v6("::ffff:169.254.169.254")],
  "mapped.test": [v6("::ffff:a9fe:a9fe"), v4("127.0.0.1")],
  "nat64.test": [v6("64:ff9b::a9fe:a9fe"), v4("127.0.0.1")],
  "6to4.test": [v6("2002:a9fe:a9fe::1"), v4("127.0.0.1")],
  "zoned.test": [v6("fe80::1%eth0"), v4("127.0.0.1")],
  "aws6.test": [v6("fd00:ec2::254"), v4("127.0.0.1")],
};
const resolve: ResolveAll = (hostname, _options, callback) => {
  const answer = DNS[hostname];
  if (!answer) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
  callback(null, answer);
};

const post = (send: ReturnType<typeof createSender>, host: string) =>
  send({ url: `http://${host}:${receiver.port}/hook`, headers: {}, body: "{}", timeoutMs: 5_000 });

describe("sender address policy", () => {
  it("uses the injected lookup: a name of an allowed private address is delivered", async () => {
    const result = await post(createSender({ allowPrivate: true, resolve }), "receiver.test");
    expect(result).toMatchObject({ status: 200, error: null });
    expect(receiver.requests).toHaveLength(1);
  });

  it.each([
    ["metadata.test", "169.254.169.254", "169.254.0.0/16"],
    ["metadata-then-receiver.test", "169.254.169.254", "169.254.0.0/16"],
    ["receiver-then-metadata.test", "::ffff:169.254.169.254", "169.254.0.0/16"],
    ["mapped.test", "::ffff:a9fe:a9fe", "169.254.0.0/16"],
    ["nat64.test", "64:ff9b::a9fe:a9fe", "169.254.0.0/16"],
    ["6to4.test", "2002:a9fe:a9fe::1", "169.254.0.0/16"],
    ["zoned.test", "fe80::1%eth0", "fe80::/10"],
    ["aws6.test", "fd00:ec2::254", "fd00:ec2::254/128"],
  ])("refuses %s (resolving to %s) at connect time even with private destinations allowed", async (host, address, range) => {
    for (const allowPrivate of [true, false]) {
      const result = await post(createSender({ allowPrivate, resolve }), host);
      expect(result.status).toBeNull();
      expect(result.error).toContain(`Refused: the endpoint resolves to ${address}, in ${range} (`);
      expect(result.error).toContain("no setting allows it");
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses link-local literals in the URL before connecting, in any spelling", async () => {
    const send = createSender({ allowPrivate: true, resolve });
    for (const host of ["169.254.169.254", "2852039166", "0xa9.0xfe.0xa9.0xfe", "[::ffff:169.254.169.254]", "[64:ff9b::a9fe:a9fe]", "[fe80::1]"]) {
      const result = await send({ url: `http://${host}/latest/meta-data/`, headers: {}, body: "{}", timeoutMs: 5_000 });
      expect(result.status, host).toBeNull();
      expect(result.error, host).toMatch(/^Refused: the endpoint resolves to .*, in (169\.254\.0\.0\/16|fe80::\/10) \(.*no setting allows it\.$/);
      expect(result.durationMs, host).toBeLessThan(1_000);
    }
  });

  it("lets private addresses through only when allowed", async () => {
    const strict = await post(createSender({ allowPrivate: false, resolve }), "receiver.test");
    expect(strict.status).toBeNull();
    expect(strict.error).toContain("Refused: the endpoint resolves to 127.0.0.1, a private, loopback or link-local address in 127.0.0.0/8");
    expect(strict.error).toContain("ALLOW_PRIVATE_ENDPOINTS=1");
    expect(receiver.requests).toHaveLength(0);
    const open = await post(createSender({ allowPrivate: true, resolve }), "receiver.test");
    expect(open.status).toBe(200);
  });

  it("passes DNS failures through as they are", async () => {
    const result = await post(createSender({ allowPrivate: true, resolve }), "missing.test");
    expect(result.error).toContain("DNS lookup failed: the host name does not exist.");
  });
});
