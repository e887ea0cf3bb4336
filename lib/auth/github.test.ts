import { describe, expect, it, vi } from "vitest";
import { chooseGitHubEmail, fetchGitHubProfile, type GitHubEmail } from "./github";

const e = (email: string, primary: boolean, verified: boolean): GitHubEmail => ({ email, primary, verified });

describe("chooseGitHubEmail", () => {
  it("takes the primary address when GitHub verified it", () => {
    expect(chooseGitHubEmail("public@example.test", [e("other@example.test", false, true), e("main@example.test", true, true)])).toEqual({
      email: "main@example.test",
      verified: true,
    });
  });

  it("falls back to the verified public email, then any verified one", () => {
    const emails = [e("main@example.test", true, false), e("a@example.test", false, true), e("public@example.test", false, true)];
    expect(chooseGitHubEmail("Public@example.test", emails)).toEqual({ email: "public@example.test", verified: true });
    expect(chooseGitHubEmail(null, emails)).toEqual({ email: "a@example.test", verified: true });
  });

  it("reports unverified when GitHub verified none, or did not list them", () => {
    expect(chooseGitHubEmail(null, [e("main@example.test", true, false)])).toEqual({ email: "main@example.test", verified: false });
    expect(chooseGitHubEmail("public@example.test", [])).toEqual({ email: "public@example.test", verified: false });
    expect(chooseGitHubEmail(null, [])).toEqual({ email: null, verified: false });
  });
});

describe("fetchGitHubProfile", () => {
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  it("asks /user and /user/emails with the token and adds email_verified", async () => {
    const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      if (!new Headers(init?.headers).get("authorization")) return json({ message: "Requires authentication" }, 401);
      return String(url).endsWith("/user/emails")
        ? json([e("octo@example.test", true, true)])
        : json({ id: 1, login: "octo", name: null, email: null, avatar_url: "https://avatars.example/1" });
    });
    const profile = await fetchGitHubProfile("gho_token", "https://api.github.test", fetchImpl as typeof fetch);
    expect(profile).toMatchObject({ id: 1, login: "octo", email: "octo@example.test", email_verified: true });
    expect(fetchImpl.mock.calls.map(([url]) => String(url))).toEqual(["https://api.github.test/user", "https://api.github.test/user/emails"]);
    expect(new Headers(fetchImpl.mock.calls[0][1]?.headers).get("authorization")).toBe("Bearer gho_token");
  });

  it("treats the public email as unverified when the email list is not available", async () => {
    const fetchImpl = vi.fn(async (url: string | URL | Request) =>
      String(url).endsWith("/user/emails") ? json({ message: "Not Found" }, 404) : json({ id: 2, login: "x", email: "x@example.test" }),
    );
    expect(await fetchGitHubProfile("t", "https://api.github.test", fetchImpl as typeof fetch)).toMatchObject({
      email: "x@example.test",
      email_verified: false,
    });
  });
});
