import { describe, expect, it } from "vitest";
import { decide } from "./decide";
import type { SendResult } from "./sender";

const now = new Date("2026-01-01T00:00:00Z");
const pending = { status: "pending" as const, attemptCount: 0, nextAttemptAt: now };
const result = (status: number | null, headers: Record<string, string> = {}, body = ""): SendResult => ({
  status,
  headers,
  body,
  durationMs: 10,
  error: status === null ? "Connection refused" : null,
});
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe("decide", () => {
  it("marks any 2xx as succeeded", () => {
    expect(decide(pending, result(204), "auto", [], now)).toMatchObject({ status: "succeeded", endpoint: "succeeded", nextAttemptAt: null });
  });

  it("schedules the next retry after a failure and fails for good when the schedule is exhausted", () => {
    expect(decide(pending, result(500, {}, "boom"), "auto", [], now)).toMatchObject({
      status: "pending",
      nextAttemptAt: at(5),
      lastError: "HTTP 500: boom",
    });
    expect(decide({ ...pending, attemptCount: 1 }, result(null), "auto", [], now).nextAttemptAt).toEqual(at(300));
    expect(decide({ ...pending, attemptCount: 7 }, result(500), "auto", [], now)).toMatchObject({ status: "failed", nextAttemptAt: null });
  });

  it("treats a redirect as a failure", () => {
    expect(decide(pending, result(301), "auto", [], now).status).toBe("pending");
  });

  it("retries a 503 after the Retry-After delay when it is longer than the schedule", () => {
    expect(decide(pending, result(503, { "retry-after": "120" }), "auto", [], now).nextAttemptAt).toEqual(at(120));
    expect(decide(pending, result(429, { "retry-after": "99999" }), "auto", [], now).nextAttemptAt).toEqual(at(300));
    expect(decide(pending, result(500, { "retry-after": "120" }), "auto", [], now).nextAttemptAt).toEqual(at(5));
  });

  it("stops on 410 Gone and tells the core to disable the endpoint", () => {
    expect(decide(pending, result(410), "auto", [], now)).toMatchObject({ status: "failed", endpoint: "gone" });
  });

  it("stops retrying when the receiver answers `webhook-delivery: abort`", () => {
    const d = decide(pending, result(400, { "webhook-delivery": "abort" }), "auto", [], now);
    expect(d).toMatchObject({ status: "failed", nextAttemptAt: null });
    expect(d.lastError).toContain("asked to stop retrying");
  });

  it("never retries a test, and a failed manual resend keeps the delivery's state", () => {
    expect(decide(pending, result(500), "test", [], now)).toMatchObject({ status: "failed", nextAttemptAt: null });
    const failed = { status: "failed" as const, attemptCount: 8, nextAttemptAt: null };
    expect(decide(failed, result(500), "manual", [], now)).toMatchObject({ status: "failed", nextAttemptAt: null });
    const retrying = { status: "pending" as const, attemptCount: 2, nextAttemptAt: at(1800) };
    expect(decide(retrying, result(500), "manual", [], now)).toMatchObject({ status: "pending", nextAttemptAt: at(1800) });
    expect(decide(failed, result(200), "manual", [], now).status).toBe("succeeded");
  });
});
