// A stand-in for the `next-auth` package in Vitest, which cannot load the real one (it imports
// "next/server" without an extension, which Node's ESM loader refuses). It keeps the contract
// lib/auth/authjs.ts and lib/actions/auth.ts rely on, as @auth/core 0.41 implements it
// (lib/actions/callback/index.js, index.js): a password sign-in calls the Credentials
// provider's authorize(credentials, request) with the incoming request's headers; an AuthError
// thrown there reaches signIn()'s caller as it is; a null user is a CredentialsSignin.
import { headers as nextHeaders } from "next/headers";

export class AuthError extends Error {
  type = "AuthError";
}

export class CredentialsSignin extends AuthError {
  type = "CredentialsSignin";
  code = "credentials";
}

type Provider = { id: string; type: string; authorize?: (credentials: unknown, request: Request) => Promise<unknown> };
type Config = { providers: Provider[] };

export default function NextAuth(config: () => Config) {
  async function signIn(provider: string, options: Record<string, unknown> = {}) {
    const credentials = config().providers.find((p) => p.id === provider);
    if (!credentials?.authorize) throw new Error(`fake next-auth: no provider ${provider}`);
    const { redirectTo, ...fields } = options;
    const request = new Request("http://localhost/api/auth/callback/credentials", { method: "POST", headers: new Headers(await nextHeaders()) });
    const user = await credentials.authorize(fields, request);
    if (!user) throw new CredentialsSignin();
    return redirectTo;
  }
  const unused = () => {
    throw new Error("fake next-auth: not used in these tests");
  };
  return { handlers: { GET: unused, POST: unused }, auth: unused, signIn, signOut: unused };
}

export const credentialsProvider = (options: Record<string, unknown>) => ({ id: "credentials", type: "credentials", ...options });
export const githubProvider = (options: Record<string, unknown>) => ({ id: "github", type: "oauth", ...options });
