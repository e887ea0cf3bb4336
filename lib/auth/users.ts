// Users: email + password sign-up (with a personal organization) and OAuth sign-in.
import "server-only";
import { z } from "zod";
import { isUniqueViolation, newId, type Db } from "@/lib/db";
import type { User } from "@/lib/db/generated/client";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createOrganization } from "@/lib/organizations";
import { defaultRateLimitStore } from "@/lib/rate-limit";
import { checkWith } from "@/lib/validation";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "./password";
import { holdPasswordCheck, holdSignUp } from "./throttle";

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100),
  email: z.email("Enter a valid email address.").transform((e) => e.toLowerCase()),
  password: z.string().min(10, "Use at least 10 characters.").max(200),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(200),
});

// What signUp() throws for a taken email. The sign-up form never shows it: it goes through
// signUpOrSignIn(), which answers SIGN_UP_REFUSED instead (docs/security.md#sessions-and-passwords).
const DUPLICATE_EMAIL = "An account with this email already exists. Sign in instead.";

/** The one answer to every refused sign-up, whether or not the email has an account. */
export const SIGN_UP_REFUSED = "Could not create the account with these details. If you already have an account, sign in.";

/** Creates the user, a personal organization, and makes them its owner. */
export async function signUp(db: Db, input: SignUpInput) {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) throw new ConflictError(DUPLICATE_EMAIL);
  try {
    return await createPasswordUser(db, input, await hashPassword(input.password));
  } catch (error) {
    // Two sign-ups with one email racing: the unique index decides.
    if (isUniqueViolation(error)) throw new ConflictError(DUPLICATE_EMAIL);
    throw error;
  }
}

function createPasswordUser(db: Db, input: SignUpInput, passwordHash: string) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { id: newId("usr"), email: input.email, name: input.name, passwordHash },
    });
    const organization = await createOrganization(tx, { name: `${input.name}'s workspace`, personal: true }, user.id);
    return { user, organization };
  });
}

/** A sign-up that may go ahead and sign the user in (`organizationId`: their new workspace), or the one refusal. */
export type SignUpOutcome = { ok: true; userId: string; organizationId: string | null } | { ok: false };
const refused: SignUpOutcome = { ok: false };

/**
 * The sign-up form. It must not tell whether an email has an account, and there is no mail
 * server to confirm addresses, so:
 * - a new email creates the account (with a personal organization);
 * - an email with an account and its password signs that user in: the same outcome;
 * - anything else (wrong password, an account without a password, a sign-up racing another
 *   for the same email) is the same `{ ok: false }`, which the form shows as SIGN_UP_REFUSED.
 * Every path runs scrypt exactly once (hashing the new password, or checking it against the
 * account's hash or a dummy one). Sign-ups are counted per address; each one also holds a
 * password check per email and address before anything runs, refunded only when it succeeds, so
 * every refusal costs the same (RateLimitedError over a limit, lib/auth/throttle.ts).
 */
export async function signUpOrSignIn(db: Db, input: SignUpInput, ip: string | null, now: Date = new Date()): Promise<SignUpOutcome> {
  const check = await holdSignUp(defaultRateLimitStore(db), { email: input.email, ip }, now);
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) {
    const matches = await verifyPassword(input.password, existing.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!matches || !existing.passwordHash) return refused;
    await check.refund();
    return { ok: true, userId: existing.id, organizationId: null };
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const { user, organization } = await createPasswordUser(db, input, passwordHash);
    await check.refund();
    return { ok: true, userId: user.id, organizationId: organization.id };
  } catch (error) {
    if (isUniqueViolation(error)) return refused;
    throw error;
  }
}

/**
 * The user whose password this is, else null. An unknown email, or an account without a
 * password (GitHub only), is checked against a dummy hash: one scrypt run in every case, so the
 * answer's timing does not tell whether the email has an account.
 */
export async function verifyCredentials(db: Db, email: string, password: string) {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  return matches && user?.passwordHash ? user : null;
}

/**
 * Auth.js Credentials: counts the attempt against the email and client address first, refused
 * (RateLimitedError, no password checked) when either has used its failed attempts; then checks
 * the password, and refunds the attempt when it was right. Null for invalid input (counted
 * against the address) or a wrong email or password.
 */
export async function passwordSignIn(db: Db, raw: unknown, ip: string | null, now: Date = new Date()) {
  const parsed = checkWith(signInInput, raw);
  const who = { email: parsed.success ? parsed.data.email : null, ip };
  const check = await holdPasswordCheck(defaultRateLimitStore(db), who, "sign-in", now);
  const user = parsed.success ? await verifyCredentials(db, parsed.data.email, parsed.data.password) : null;
  if (user) await check.refund();
  return user;
}

export const changePasswordInput = z
  .object({
    current_password: z.string().min(1, "Enter your current password.").max(200),
    new_password: signUpInput.shape.password,
  })
  .refine((v) => v.current_password !== v.new_password, { path: ["new_password"], message: "Choose a password other than the current one." });

/**
 * Changes the user's password after checking the current one (throttled like a sign-in: counted
 * first, refunded when right) and ends every session of theirs, here and on every other device
 * (the caller signs this one in again). A wrong current password is a 422 on that field.
 */
export async function changePassword(db: Db, userId: string, input: z.infer<typeof changePasswordInput>, ip: string | null, now: Date = new Date()) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.passwordHash) {
    throw new ValidationError("This account signs in with GitHub and has no password to change.", []);
  }
  const check = await holdPasswordCheck(defaultRateLimitStore(db), { email: user.email, ip }, "sign-in", now);
  if (!(await verifyPassword(input.current_password, user.passwordHash))) {
    throw new ValidationError("The current password is wrong.", [{ field: "current_password", message: "The current password is wrong." }]);
  }
  await check.refund();
  const passwordHash = await hashPassword(input.new_password);
  await db.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  return { email: user.email };
}

export type OAuthProfile = {
  provider: string;
  providerAccountId: string;
  email: string;
  /** Whether the provider reports that this user verified `email` (GitHub: /user/emails). */
  emailVerified: boolean;
  name?: string | null;
  image?: string | null;
};

export type OAuthOutcome = { ok: true; user: User } | { ok: false; reason: "email_unverified" };

/**
 * GitHub sign-in: reuse the linked account; else, only for an email GitHub reports as verified,
 * link the account with that email or create a user with a personal organization. An
 * unverified email is refused either way: anyone can add any address to a GitHub account, and
 * it must neither open someone else's account nor claim the address for a new one.
 */
export async function findOrCreateOAuthUser(db: Db, profile: OAuthProfile): Promise<OAuthOutcome> {
  const account = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: profile.provider, providerAccountId: profile.providerAccountId } },
    include: { user: true },
  });
  if (account) return { ok: true, user: account.user };
  if (!profile.emailVerified) return { ok: false, reason: "email_unverified" };
  const email = profile.email.toLowerCase();
  const user = await db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { email } });
    if (!user) {
      const name = profile.name ?? email.split("@")[0];
      user = await tx.user.create({ data: { id: newId("usr"), email, name, image: profile.image ?? null } });
      await createOrganization(tx, { name: `${name}'s workspace`, personal: true }, user.id);
    }
    await tx.account.create({
      data: { id: newId("acct"), userId: user.id, provider: profile.provider, providerAccountId: profile.providerAccountId },
    });
    return user;
  });
  return { ok: true, user };
}
