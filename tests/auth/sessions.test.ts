// Sessions end (docs/security.md#sessions-and-passwords): the real Auth.js callbacks and events
// (lib/auth/authjs.ts) and actions, with next-auth replaced by a stand-in that keeps Auth.js's
// contract (./fake-next-auth.ts). A session cookie copied before sign-out, a password change,
// a role change or a removal no longer signs anyone in; a new sign-in does.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { changePasswordAction, signInWithPassword, signOutAction } from "@/lib/actions/auth";
import { systemActor } from "@/lib/audit";
import { credentialConsequences, signUp, signUpInput, verifyCredentials } from "@/lib/auth";
import { currentUser } from "@/lib/auth/session";
import { newId, type OpenedDatabase } from "@/lib/db";
import { changeMemberRole, removeMember } from "@/lib/organizations";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { cookie } from "./fake-next-auth";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => import("./fake-next-auth"));
vi.mock("next-auth/providers/credentials", async () => ({ default: (await import("./fake-next-auth")).credentialsProvider }));
vi.mock("next-auth/providers/github", async () => ({ default: (await import("./fake-next-auth")).githubProvider }));

let opened: OpenedDatabase;
let counter = 0;

beforeAll(async () => {
  opened = await createTestDatabase();
});

afterAll(async () => {
  await opened?.close();
});

beforeEach(() => {
  cookie.token = null;
});

/** A new account, signed in through the sign-in form; returns it with the cookie's token. */
async function signedIn(password = "the first password") {
  counter += 1;
  const email = `session-${counter}@example.test`;
  const { user, organization } = await signUp(opened.db, signUpInput.parse({ name: "Sam", email, password }));
  const form = new FormData();
  form.set("email", email);
  form.set("password", password);
  expect(await signInWithPassword({}, form)).toEqual({});
  expect((await currentUser())?.id).toBe(user.id);
  return { user, organization, email, copy: { ...cookie.token } };
}

describe("sessions", () => {
  it("end at sign-out: a copy of the cookie taken before signs nobody in, a new sign-in works", async () => {
    const { user, copy, email } = await signedIn();
    await signOutAction();
    expect(await currentUser()).toBeNull();
    cookie.token = copy;
    expect(await currentUser()).toBeNull();

    const form = new FormData();
    form.set("email", email);
    form.set("password", "the first password");
    expect(await signInWithPassword({}, form)).toEqual({});
    expect((await currentUser())?.id).toBe(user.id);
  });

  it("end on every device with a password change; this browser is signed in again with the new password", async () => {
    const { user, copy } = await signedIn();
    const change = (current: string, next: string) => {
      const form = new FormData();
      form.set("current_password", current);
      form.set("new_password", next);
      return changePasswordAction({}, form);
    };
    expect(await change("not the password", "a brand new password")).toEqual({
      error: "The current password is wrong.",
      fieldErrors: { current_password: "The current password is wrong." },
    });
    expect(await change("the first password", "short")).toMatchObject({ fieldErrors: { new_password: "Use at least 10 characters." } });
    expect((await currentUser())?.id).toBe(user.id);

    expect(await change("the first password", "a brand new password")).toEqual({});
    expect((await currentUser())?.id).toBe(user.id); // this browser: a fresh session
    cookie.token = copy; // the other device
    expect(await currentUser()).toBeNull();
    expect(await verifyCredentials(opened.db, user.email, "the first password")).toBeNull();
    expect((await verifyCredentials(opened.db, user.email, "a brand new password"))?.id).toBe(user.id);
  });

  it("end with a role change and with a removal from an organization", async () => {
    const { user, copy } = await signedIn();
    const { org } = await createOrgWithUser(opened.db, "owner");
    await opened.db.membership.create({ data: { id: newId("mem"), organizationId: org.id, userId: user.id, role: "admin" } });

    await changeMemberRole(opened.db, org.id, user.id, "viewer", systemActor, { owners: true }, credentialConsequences);
    expect(await currentUser()).toBeNull();
    cookie.token = copy;
    expect(await currentUser()).toBeNull();

    const form = new FormData();
    form.set("email", user.email);
    form.set("password", "the first password");
    expect(await signInWithPassword({}, form)).toEqual({});
    expect((await currentUser())?.id).toBe(user.id);
    await removeMember(opened.db, org.id, user.id, systemActor, { owners: true }, credentialConsequences);
    expect(await currentUser()).toBeNull();
  });
});
