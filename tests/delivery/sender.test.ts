// The sender against real local receivers: what each kind of receiver behaviour becomes.
import { afterEach, describe, expect, it } from "vitest";
import { createSender, MAX_RESPONSE_BYTES, USER_AGENT } from "@/lib/delivery/sender";
import { startReceiver, type Receiver } from "../helpers/receiver";

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const send = createSender({ allowPrivate: true });
const post = (url: string, timeoutMs?: number) => send({ url, headers: { "webhook-id": "evt_1" }, body: '{"hello":"world"}', timeoutMs });

describe("sender", () => {
  it("POSTs JSON with the product's user agent and returns status, headers and body", async () => {
    receiver = await startReceiver((_req, res) => {
      res.writeHead(201, { "content-type": "text/plain", "x-receiver": "yes" });
      res.end("created");
    });
    const result = await post(`${receiver.url}/hook`);
    expect(result).toMatchObject({ status: 201, body: "created", error: null });
    expect(result.headers["x-receiver"]).toBe("yes");
    expect(receiver.requests[0]).toMatchObject({ method: "POST", path: "/hook", body: '{"hello":"world"}' });
    expect(receiver.requests[0].headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "webhook-id": "evt_1",
    });
  });

  it("does not follow redirects: the 3xx itself is the result", async () => {
    receiver = await startReceiver((req, res) => {
      if (req.path === "/moved") {
        res.writeHead(302, { location: "/elsewhere" });
        return res.end();
      }
      res.writeHead(200);
      res.end("followed");
    });
    const result = await post(`${receiver.url}/moved`);
    expect(result.status).toBe(302);
    expect(receiver.requests.map((r) => r.path)).toEqual(["/moved"]);
  });

  it("reads at most 64 KiB of the response body", async () => {
    receiver = await startReceiver((_req, res) => {
      res.writeHead(200);
      res.end("x".repeat(MAX_RESPONSE_BYTES * 3));
    });
    const result = await post(receiver.url);
    expect(result.status).toBe(200);
    expect(result.body).toHaveLength(MAX_RESPONSE_BYTES);
  });

  it("drops NUL characters from a response body (the log stores text)", async () => {
    receiver = await startReceiver((_req, res) => {
      res.writeHead(500);
      res.end("bad\u0000byte");
    });
    expect((await post(receiver.url)).body).toBe("badbyte");
  });

  it("gives up on a receiver that never answers, with a clear error", async () => {
    receiver = await startReceiver(() => {
      /* never answers */
    });
    const result = await post(receiver.url, 200);
    expect(result.status).toBeNull();
    expect(result.error).toBe("Timed out after 0.2 s without a complete response.");
  });

  it("explains a refused connection", async () => {
    receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close();
    receiver = undefined;
    const result = await post(url);
    expect(result.status).toBeNull();
    expect(result.error).toContain("Connection refused");
  });

  it("refuses private destinations when they are not allowed, by literal address and by resolved name", async () => {
    receiver = await startReceiver();
    const strict = createSender({ allowPrivate: false });
    const literal = await strict({ url: receiver.url, headers: {}, body: "{}" });
    expect(literal.status).toBeNull();
    expect(literal.error).toContain("127.0.0.1, a private, loopback or link-local address");
    // A local name is refused by the URL rules before any lookup; a name that resolves to a
    // private address is refused at connect time (sender-address-policy.test.ts).
    const byName = await strict({ url: `http://localhost:${receiver.port}/`, headers: {}, body: "{}" });
    expect(byName.status).toBeNull();
    expect(byName.error).toContain("localhost is a local name");
    expect(receiver.requests).toHaveLength(0);
  });
});
