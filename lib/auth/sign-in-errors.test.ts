import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "./sign-in-errors";

describe("signInErrorMessage", () => {
  const now = new Date(Date.UTC(2030, 0, 1, 12, 3, 30)); // 3.5 minutes into a 15-minute window

  it("explains a GitHub sign-in refused for an unverified email", () => {
    expect(signInErrorMessage("GitHubUnverified", undefined)).toBe("Verify this email on GitHub first, then continue with GitHub again.");
  });

  it("explains a throttled sign-in with the minutes left in the window", () => {
    expect(signInErrorMessage("CredentialsSignin", "rate_limited", now)).toBe("Too many sign-in attempts; try again in 12 minutes.");
    expect(signInErrorMessage("CredentialsSignin", "credentials", now)).toBe("Wrong email or password.");
  });

  it("shows a fixed text for anything else and nothing without an error; the query is never echoed", () => {
    expect(signInErrorMessage("<script>alert(1)</script>", undefined)).toBe("Signing in failed. Try again.");
    expect(signInErrorMessage(undefined, undefined)).toBeUndefined();
    expect(signInErrorMessage(["GitHubEmail"], undefined)).toBeUndefined();
  });
});
