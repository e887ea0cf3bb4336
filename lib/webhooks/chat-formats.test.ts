import { describe, expect, it } from "vitest";
import { catalogEntry } from "./event-catalog";
import { payloadBody } from "./payload";

const message = (type: Parameters<typeof catalogEntry>[0]) => ({
  id: "evt_01JH6ZB2C3D4E5F6G7H8J9K0MN",
  type,
  createdAt: new Date("2026-01-15T10:35:00Z"),
  payload: catalogEntry(type).example,
});

describe("chat payload formats", () => {
  it("render a succeeded build for Slack with its artifacts", () => {
    const body = JSON.parse(payloadBody("slack", message("build.succeeded")));
    expect(body.text).toBe(":white_check_mark: MyPlugin build #5 (main · 9fceb02) succeeded in 4m 5s");
    expect(body.blocks[0].text.text).toContain("• macos vst3: MyPlugin.vst3");
    expect(body.blocks[1].elements[0].text).toBe("`build.succeeded` · evt_01JH6ZB2C3D4E5F6G7H8J9K0MN");
  });

  it("render a failed build for Discord as a red embed with the error", () => {
    const body = JSON.parse(payloadBody("discord", message("build.failed")));
    expect(body.embeds[0]).toMatchObject({
      title: "MyPlugin build #5 (main · 9fceb02) failed at configure",
      description: "CMake configuration failed",
      color: 0xe01e5a,
      timestamp: "2026-01-15T10:35:00.000Z",
    });
  });

  it("keep the standard JSON envelope for standard endpoints", () => {
    expect(JSON.parse(payloadBody("standard", message("deployment.succeeded")))).toMatchObject({
      id: "evt_01JH6ZB2C3D4E5F6G7H8J9K0MN",
      type: "deployment.succeeded",
      data: { deployment: { environment: "production" } },
    });
  });

  it("say something sensible for every event type in both formats", () => {
    for (const type of ["build.queued", "deployment.created", "domain.added", "endpoint.disabled", "project.created", "webhook.test"] as const) {
      expect(JSON.parse(payloadBody("slack", message(type))).text.length).toBeGreaterThan(10);
      expect(JSON.parse(payloadBody("discord", message(type))).embeds[0].title.length).toBeGreaterThan(5);
    }
  });
});
