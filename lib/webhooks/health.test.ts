import { describe, expect, it } from "vitest";
import {
  healthStateOf,
  LATENCY_BOUNDS_MS,
  LATENCY_BUCKETS,
  latencyBucketOf,
  mergeHistograms,
  percentileFromHistogram,
  summarizeHealth,
  type HealthSlot,
} from "./health";

/** A histogram with `count` attempts in bucket `i` for each [i, count]. */
function histogram(...entries: [number, number][]): number[] {
  const h = new Array<number>(LATENCY_BUCKETS).fill(0);
  for (const [i, count] of entries) h[i] = count;
  return h;
}

describe("latency buckets", () => {
  it("has 19 buckets over 18 increasing bounds", () => {
    expect(LATENCY_BUCKETS).toBe(19);
    expect([...LATENCY_BOUNDS_MS].sort((a, b) => a - b)).toEqual([...LATENCY_BOUNDS_MS]);
  });

  it("puts a duration in the bucket of the bounds at or below it, like width_bucket", () => {
    expect(latencyBucketOf(0)).toBe(0);
    expect(latencyBucketOf(9)).toBe(0);
    expect(latencyBucketOf(10)).toBe(1);
    expect(latencyBucketOf(14)).toBe(1);
    expect(latencyBucketOf(15)).toBe(2);
    expect(latencyBucketOf(29_999)).toBe(17);
    expect(latencyBucketOf(30_000)).toBe(18);
    expect(latencyBucketOf(120_000)).toBe(18);
  });
});

describe("mergeHistograms", () => {
  it("adds element by element, counting a missing element (an empty row) as 0", () => {
    expect(mergeHistograms([histogram([0, 2], [5, 1]), [], histogram([5, 3], [18, 1])])).toEqual(histogram([0, 2], [5, 4], [18, 1]));
    expect(mergeHistograms([])).toEqual(histogram());
  });
});

describe("percentileFromHistogram", () => {
  it("is null for an empty histogram", () => {
    expect(percentileFromHistogram(histogram(), 0.5)).toBeNull();
    expect(percentileFromHistogram([], 0.95)).toBeNull();
  });

  it("interpolates linearly inside the bucket that holds the rank", () => {
    // 10 attempts in [100, 150): the median is halfway, the 95th percentile near the top.
    const h = histogram([6, 10]);
    expect(percentileFromHistogram(h, 0.5)).toBe(125);
    expect(percentileFromHistogram(h, 0.95)).toBe(148);
    expect(percentileFromHistogram(h, 1)).toBe(150);
  });

  it("walks past the buckets below the rank", () => {
    // 50 under 10 ms, 50 in [250, 400): the 95th percentile is 90% into the upper bucket.
    const h = histogram([0, 50], [8, 50]);
    expect(percentileFromHistogram(h, 0.5)).toBe(10);
    expect(percentileFromHistogram(h, 0.95)).toBe(385);
    expect(percentileFromHistogram(h, 0.25)).toBe(5);
  });

  it("answers the lower bound of the open-ended last bucket (30 s and over)", () => {
    expect(percentileFromHistogram(histogram([18, 3]), 0.5)).toBe(30_000);
    expect(percentileFromHistogram(histogram([1, 1], [18, 99]), 0.95)).toBe(30_000);
  });
});

describe("summarizeHealth", () => {
  const slot = (attempts: number, succeeded: number, latency = histogram()): HealthSlot => ({ attempts, succeeded, latency });
  const endpoint = { id: "ep_1", active: true, disabledBy: null, lastSuccessAt: new Date("2026-03-01T10:00:00Z"), failingSince: null };

  it("takes the last 24 h from the last slots and 7 days from all of them", () => {
    const slots = [slot(10, 0), ...Array.from({ length: 23 }, () => slot(0, 0)), slot(4, 3, histogram([6, 4]))];
    // 25 one-hour slots: only the last 24 are the last day.
    const health = summarizeHealth(endpoint, slots, 1);
    expect(health).toEqual({
      success_rate_24h: 0.75,
      attempts_24h: 4,
      success_rate_7d: 3 / 14,
      attempts_7d: 14,
      p50_ms: 125,
      p95_ms: 148,
      last_success_at: "2026-03-01T10:00:00.000Z",
      failing_since: null,
      state: "active",
    });
  });

  it("has null rates and percentiles without attempts", () => {
    const health = summarizeHealth(endpoint, Array.from({ length: 7 }, () => slot(0, 0)), 24);
    expect(health).toMatchObject({ success_rate_24h: null, attempts_24h: 0, success_rate_7d: null, p50_ms: null, p95_ms: null });
  });
});

describe("healthStateOf", () => {
  it("tells active, disabled by a person and disabled by the platform apart", () => {
    expect(healthStateOf({ active: true, disabledBy: null })).toBe("active");
    expect(healthStateOf({ active: false, disabledBy: "user" })).toBe("disabled");
    expect(healthStateOf({ active: false, disabledBy: "system" })).toBe("auto_disabled");
  });
});
