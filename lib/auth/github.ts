// GitHub sign-in's profile: the /user profile plus the email address to use and whether GitHub
// reports it verified (from /user/emails, which the `user:email` scope allows). Auth.js's GitHub
// provider fetches /user/emails only when the profile has no public email and drops `verified`;
// lib/auth/authjs.ts installs fetchGitHubProfile as the provider's userinfo request instead.
import "server-only";

export type GitHubEmail = { email: string; primary: boolean; verified: boolean };
export type GitHubProfile = Record<string, unknown> & { email: string | null; email_verified: boolean };

/**
 * The address to sign in with: the primary one if verified, else the public profile email if
 * verified, else any verified one; with none verified, the primary or public one, unverified.
 */
export function chooseGitHubEmail(publicEmail: string | null, emails: GitHubEmail[]): { email: string | null; verified: boolean } {
  const verified = emails.filter((e) => e.verified === true && typeof e.email === "string");
  const pick =
    verified.find((e) => e.primary) ??
    verified.find((e) => publicEmail !== null && e.email.toLowerCase() === publicEmail.toLowerCase()) ??
    verified[0];
  if (pick) return { email: pick.email, verified: true };
  return { email: emails.find((e) => e.primary)?.email ?? publicEmail ?? null, verified: false };
}

/** Auth.js userinfo request for GitHub: /user, then /user/emails for the verified flag. */
export async function fetchGitHubProfile(
  accessToken: string,
  apiBaseUrl = "https://api.github.com",
  fetchImpl: typeof fetch = fetch,
): Promise<GitHubProfile> {
  const headers = { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json", "User-Agent": "control-center" };
  const userResponse = await fetchImpl(`${apiBaseUrl}/user`, { headers });
  if (!userResponse.ok) throw new Error(`GitHub /user answered ${userResponse.status}`);
  const profile = (await userResponse.json()) as Record<string, unknown>;
  const emailsResponse = await fetchImpl(`${apiBaseUrl}/user/emails`, { headers });
  // Without the list (scope not granted, GitHub unavailable) nothing counts as verified.
  const emails = emailsResponse.ok ? ((await emailsResponse.json()) as GitHubEmail[]) : [];
  const publicEmail = typeof profile.email === "string" && profile.email ? profile.email : null;
  const chosen = chooseGitHubEmail(publicEmail, Array.isArray(emails) ? emails : []);
  return { ...profile, email: chosen.email, email_verified: chosen.verified };
}
