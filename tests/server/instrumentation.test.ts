// A server that cannot start exits with the reason, instead of answering every request with an error.
import { afterEach, describe, expect, it, vi } from "vitest";

const boot = vi.hoisted(() => vi.fn());
vi.mock("@/lib/server", () => ({ boot }));

afterEach(() => {
  vi.restoreAllMocks();
  boot.mockReset();
});

describe("register()", () => {
  it("exits non-zero with the reason when start-up fails", async () => {
    boot.mockRejectedValue(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    const { register } = await import("../../instrumentation");
    await register();
    expect(log).toHaveBeenCalledWith("[control-center] start-up failed: connect ECONNREFUSED 127.0.0.1:5432");
    expect(exit).toHaveBeenCalledWith(1);
    vi.unstubAllEnvs();
  });

  it("starts quietly when start-up succeeds", async () => {
    boot.mockResolvedValue(undefined);
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    const { register } = await import("../../instrumentation");
    await register();
    expect(boot).toHaveBeenCalledOnce();
    expect(exit).not.toHaveBeenCalled();
    vi.unstubAllEnvs();
  });
});
