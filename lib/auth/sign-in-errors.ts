// What the sign-in page says when Auth.js or our own callbacks send the browser back to
// /sign-in?error=…(&code=…). Only these fixed texts are shown: the query is never echoed.
import { SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP, tooManyAttempts } from "./throttle";

export function signInErrorMessage(error: unknown, code: unknown, now: Date = new Date()): string | undefined {
  if (typeof error !== "string" || !error) return undefined;
  switch (error) {
    case "GitHubUnverified":
      return "Verify this email on GitHub first, then continue with GitHub again.";
    case "GitHubEmail":
      return "Your GitHub account has no email address we can use. Add and verify one on GitHub, or sign up with email and password.";
    case "CredentialsSignin":
      return code === "rate_limited" ? tooManyAttempts("sign-in", secondsLeftInWindow(now)) : "Wrong email or password.";
    default:
      return "Signing in failed. Try again.";
  }
}

// Both sign-in limits use the same fixed window, aligned like lib/rate-limit's: the wait is
// what is left of the current one.
function secondsLeftInWindow(now: Date): number {
  const windowMs = Math.max(SIGN_IN_PER_EMAIL.windowMs, SIGN_IN_PER_IP.windowMs);
  return Math.ceil((windowMs - (now.getTime() % windowMs)) / 1000);
}
