// Auth.js (next-auth v5): email + password always, GitHub OAuth when configured.
// Sessions are JWTs in an encrypted cookie (the Credentials provider requires it).
import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { config } from "@/lib/config";
import { authSecret } from "@/lib/config/local-secrets";
import { getDb } from "@/lib/db";
import { findOrCreateOAuthUser, signInInput, verifyCredentials } from "./users";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; image?: string | null };
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
        async authorize(raw) {
          const parsed = signInInput.safeParse(raw);
          if (!parsed.success) return null;
          const user = await verifyCredentials(await getDb(), parsed.data.email, parsed.data.password);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
      ...(github ? [GitHub({ clientId: github.id, clientSecret: github.secret })] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "github") return true;
        const email = user.email ?? (profile?.email as string | undefined);
        if (!email) return "/sign-in?error=GitHubEmail";
        const local = await findOrCreateOAuthUser(await getDb(), {
          provider: "github",
          providerAccountId: account.providerAccountId,
          email,
          name: user.name,
          image: user.image,
        });
        user.id = local.id;
        return true;
      },
      jwt({ token, user }) {
        if (user?.id) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

export function githubSignInEnabled(): boolean {
  return config().github !== null;
}
