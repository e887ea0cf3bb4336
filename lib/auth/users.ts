// Users: email + password sign-up (with a personal organization) and OAuth sign-in.
import "server-only";
import { z } from "zod";
import { isUniqueViolation, newId, type Db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { createOrganization } from "@/lib/organizations";
import { hashPassword, verifyPassword } from "./password";

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

const DUPLICATE_EMAIL = "An account with this email already exists. Sign in instead.";

/** Creates the user, a personal organization, and makes them its owner. */
export async function signUp(db: Db, input: SignUpInput) {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) throw new ConflictError(DUPLICATE_EMAIL);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { id: newId("usr"), email: input.email, name: input.name, passwordHash },
      });
      const organization = await createOrganization(tx, { name: `${input.name}'s workspace`, personal: true }, user.id);
      return { user, organization };
    });
  } catch (error) {
    // Two sign-ups with one email racing: the unique index decides.
    if (isUniqueViolation(error)) throw new ConflictError(DUPLICATE_EMAIL);
    throw error;
  }
}

export async function verifyCredentials(db: Db, email: string, password: string) {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user?.passwordHash) return null;
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

/** GitHub sign-in: reuse the linked account, else link by email, else create user + personal org. */
export async function findOrCreateOAuthUser(
  db: Db,
  profile: { provider: string; providerAccountId: string; email: string; name?: string | null; image?: string | null },
) {
  const account = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: profile.provider, providerAccountId: profile.providerAccountId } },
    include: { user: true },
  });
  if (account) return account.user;
  const email = profile.email.toLowerCase();
  return db.$transaction(async (tx) => {
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
}
