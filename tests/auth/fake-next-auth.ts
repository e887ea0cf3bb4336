// A stand-in for the `next-auth` package in Vitest, which cannot load the real one (it imports
// "next/server" without an extension, which Node's ESM loader refuses). It keeps the contract
// lib/auth/authjs.ts and lib/actions/auth.ts rely on, as @auth/core 0.41 implements it
// (lib/actions/callback/index.js, index.js): a password sign-in calls the Credentials
// provider's authorize(credentials, request) with the incoming request's headers; an AuthError
// thrown there reaches signIn()'s caller as it is; a null user is a CredentialsSignin; the jwt
// callback makes the session's token at sign-in, the session callback reads it for auth(), and
// sign-out hands the token to the signOut event.
import { headers as nextHeaders } from "next/headers";

export class AuthError extends Error {
  type = "AuthError";
}

export class CredentialsSignin extends AuthError {
  type = "CredentialsSignin";
  code = "credentials";
}

type Provider = { id: string; type: string; authorize?: (credentials: unknown, request: Request) => Promise<unknown> };
type Token = Record<string, unknown>;
type Config = {
  providers: Provider[];
  callbacks?: {
    jwt?: (args: { token: Token; user?: unknown }) => Promise<Token> | Token;
    session?: (args: { session: { user: Record<string, unknown> }; token: Token }) => unknown;
  };
  events?: { signOut?: (message: { token: Token | null }) => Promise<void> | void };
};

/**
 * The browser's session cookie, as the JWT strategy keeps it: the token the jwt callback made
 * at sign-in. Tests read it to keep a copy (a cookie copied before sign-out) and put it back.
 */
export const cookie: { token: Token | null } = { token: null };

export default function NextAuth(config: () => Config) {
  async function signIn(provider: string, options: Record<string, unknown> = {}) {
    const credentials = config().providers.find((p) => p.id === provider);
    if (!credentials?.authorize) throw new Error(`fake next-auth: no provider ${provider}`);
    const { redirectTo, ...fields } = options;
    const request = new Request("http://localhost/api/auth/callback/credentials", { method: "POST", headers: new Headers(await nextHeaders()) });
    const user = await credentials.authorize(fields, request);
    if (!user) throw new CredentialsSignin();
    const jwt = config().callbacks?.jwt;
    cookie.token = jwt ? await jwt({ token: {}, user }) : {};
    return redirectTo;
  }
  // auth(): the session callback's view of the cookie's token, as Auth.js answers it.
  async function auth() {
    if (!cookie.token) return null;
    const session = { user: {} as Record<string, unknown> };
    return config().callbacks?.session?.({ session, token: cookie.token }) ?? session;
  }
  // signOut() with the JWT strategy: the signOut event gets the decoded token, then the cookie goes.
  async function signOut() {
    await config().events?.signOut?.({ token: cookie.token });
    cookie.token = null;
  }
  const unused = () => {
    throw new Error("fake next-auth: not used in these tests");
  };
  return { handlers: { GET: unused, POST: unused }, auth, signIn, signOut };
}

export const credentialsProvider = (options: Record<string, unknown>) => ({ id: "credentials", type: "credentials", ...options });
export const githubProvider = (options: Record<string, unknown>) => ({ id: "github", type: "oauth", ...options });
