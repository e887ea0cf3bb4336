// Signing up from an invitation link: the form carries the invitation, and after the sign-up
// the browser goes back to the invitation's page, which accepts it for the invited email.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { OpenedDatabase } from "@/lib/db";
import { acceptInvitation, createInvitation, getMembershipRole } from "@/lib/organizations";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { tokenOf, userActor } from "./fixtures";

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/db")>()), getDb: async () => state.db }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "test" }) }));
const signIn = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock("next-auth", () => import("../auth/fake-next-auth"));
vi.mock("@/lib/auth/authjs", () => ({ signIn, signOut: vi.fn(), throttledSignInSeconds: () => null }));

const { signUpWithPassword } = await import("@/lib/actions/auth");

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
  state.db = opened.db;
});

afterAll(async () => {
  await opened?.close();
});

beforeEach(() => signIn.mockClear());

function signUpForm(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return signUpWithPassword({}, form);
}

describe("signing up from an invitation", () => {
  it("signs the new user in and goes back to the invitation, which then joins them with the invited role", async () => {
    const { org, user: owner } = await createOrgWithUser(opened.db, "owner");
    const { url } = await createInvitation(opened.db, org.id, { email: "newcomer@example.test", role: "developer" }, userActor(owner), {
      authority: { owners: true },
      origin: "http://localhost:3000",
      inviterUserId: owner.id,
    });
    const token = tokenOf(url);
    expect(await signUpForm({ name: "Newcomer", email: "newcomer@example.test", password: "a long enough password", invite: token })).toEqual({});
    expect(signIn).toHaveBeenCalledWith("credentials", { email: "newcomer@example.test", password: "a long enough password", redirectTo: `/invite/${token}` });

    const user = await opened.db.user.findUniqueOrThrow({ where: { email: "newcomer@example.test" } });
    await acceptInvitation(opened.db, token, user, userActor(user));
    expect(await getMembershipRole(opened.db, org.id, user.id)).toBe("developer");
  });

  it("ignores an invite field that is no invitation token", async () => {
    expect(await signUpForm({ name: "Plain", email: "plain@example.test", password: "a long enough password", invite: "//evil.example" })).toEqual({});
    expect(signIn).toHaveBeenCalledWith("credentials", expect.objectContaining({ redirectTo: expect.stringMatching(/^\/orgs\/org_/) }));
  });
});
