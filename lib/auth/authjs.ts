// Auth.js (next-auth v5): email + password always, GitHub OAuth when configured.
// Sessions are JWTs in an encrypted cookie (the Credentials provider requires it).
import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { requestOrigin } from "@/lib/audit";
import { config } from "@/lib/config";
import { authSecret } from "@/lib/config/local-secrets";
import { getDb } from "@/lib/db";
import { RateLimitedError } from "@/lib/errors";
import { fetchGitHubProfile } from "./github";
import { safeCallbackPath } from "./redirect";
import { endSessions, sessionVersionOf } from "./sessions";
import { findOrCreateOAuthUser, passwordSignIn } from "./users";

// Auth.js builds its own URLs (the redirects after signing in and out) from AUTH_URL, else from
// the request's X-Forwarded-Host and Host (the edge, proxy.ts, hands X-Forwarded-Host on only as
// a trusted proxy wrote it). APP_URL is this app's public URL: Auth.js uses it too.
const appUrl = URL.parse(process.env.APP_URL?.trim() ?? "");
if (appUrl && !process.env.AUTH_URL) process.env.AUTH_URL = appUrl.origin;

/**
 * A throttled password sign-in (lib/auth/throttle.ts). Auth.js passes a CredentialsSignin thrown
 * in authorize() on as it is: the sign-in action reads `retryAfterSeconds` for its message, and
 * a direct POST to /api/auth/callback/credentials lands on /sign-in?error=CredentialsSignin&code=rate_limited.
 */
class SignInThrottled extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/** The seconds to wait when `error` is a throttled sign-in, else null. */
export function throttledSignInSeconds(error: unknown): number | null {
  return error instanceof SignInThrottled ? error.retryAfterSeconds : null;
}

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; image?: string | null };
    /** The user's session version when this session was issued (lib/auth/sessions.ts). */
    sessionVersion?: number;
  }
}

function authConfig(): NextAuthConfig {
  const github = config().github;
  return {
    // Built lazily: the secret may live in the data folder, which the build never touches.
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, request) {
          try {
            const user = await passwordSignIn(await getDb(), raw, requestOrigin(request.headers).ip);
            return user ? { id: user.id, email: user.email, name: user.name } : null;
          } catch (error) {
            if (error instanceof RateLimitedError) throw new SignInThrottled(error.retryAfterSeconds);
            throw error;
          }
        },
      }),
      ...(github
        ? [
            GitHub({
              clientId: github.id,
              clientSecret: github.secret,
              // Also asks /user/emails whether the address is verified (lib/auth/github.ts).
              userinfo: {
                url: "https://api.github.com/user",
                request: ({ tokens }: { tokens: { access_token?: string } }) => fetchGitHubProfile(tokens.access_token ?? ""),
              },
            }),
          ]
        : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "github") return true;
        const email = typeof profile?.email === "string" && profile.email ? profile.email : null;
        if (!email) return "/sign-in?error=GitHubEmail";
        const result = await findOrCreateOAuthUser(await getDb(), {
          provider: "github",
          providerAccountId: account.providerAccountId,
          email,
          emailVerified: profile?.email_verified === true,
          name: user.name,
          image: user.image,
        });
        if (!result.ok) return "/sign-in?error=GitHubUnverified";
        user.id = result.user.id;
        return true;
      },
      // Every redirect Auth.js makes (callbackUrl, the signIn callback's answers) stays on this site.
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
      },
      // At sign-in the token takes the user's session version; raising it ends the session.
      async jwt({ token, user }) {
        if (user?.id) {
          token.uid = user.id;
          token.sv = await sessionVersionOf(await getDb(), user.id);
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        if (typeof token.sv === "number") session.sessionVersion = token.sv;
        return session;
      },
    },
    events: {
      // Signing out ends every session of the user, so a copy of the cookie opens nothing.
      async signOut(message) {
        const uid = "token" in message ? message.token?.uid : null;
        if (typeof uid === "string") await endSessions(await getDb(), uid);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

export function githubSignInEnabled(): boolean {
  return config().github !== null;
}
