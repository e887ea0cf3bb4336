import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_SCHEDULE_SECONDS, nextRetryDelaySeconds, parseRetryAfter } from "./retry-policy";

describe("retry policy", () => {
  it("follows 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h and then gives up", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => nextRetryDelaySeconds(n));
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000, null]);
    expect(DEFAULT_RETRY_SCHEDULE_SECONDS).toHaveLength(7);
  });

  it("honours a longer Retry-After, capped at the next step; ignores a shorter one", () => {
    expect(nextRetryDelaySeconds(1, undefined, 60)).toBe(60);
    expect(nextRetryDelaySeconds(1, undefined, 3600)).toBe(300);
    expect(nextRetryDelaySeconds(2, undefined, 2)).toBe(300);
    expect(nextRetryDelaySeconds(7, undefined, 999_999)).toBe(36000);
  });

  it("uses an endpoint's own schedule when it has one", () => {
    expect([1, 2, 3].map((n) => nextRetryDelaySeconds(n, [1, 2]))).toEqual([1, 2, null]);
    expect(nextRetryDelaySeconds(1, [])).toBe(5);
  });

  it("parses Retry-After as seconds or as an HTTP date", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
