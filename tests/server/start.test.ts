// A server that cannot start exits with the reason, instead of answering every request with an error.
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "@/lib/config";
import { startServer } from "@/lib/server";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("startServer()", () => {
  it("exits non-zero with the reason when start-up fails", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await startServer(async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    });
    expect(log).toHaveBeenCalledWith("[control-center] start-up failed: connect ECONNREFUSED 127.0.0.1:5432");
    expect(exit).toHaveBeenCalledWith(1);
  });

  it("exits non-zero naming the missing Inngest key when cloud mode is half configured", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await startServer(async () => {
      loadConfig({ INNGEST_EVENT_KEY: "evt" });
    });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/start-up failed: Invalid configuration:\n {2}INNGEST_SIGNING_KEY: required/));
    expect(exit).toHaveBeenCalledWith(1);
  });

  it("starts quietly when start-up succeeds", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const run = vi.fn(async () => {});
    await startServer(run);
    expect(run).toHaveBeenCalledOnce();
    expect(exit).not.toHaveBeenCalled();
  });
});
