// Email + password sign-up: a user, a personal organization, and ownership of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, signUpInput, verifyCredentials } from "@/lib/auth";
import type { OpenedDatabase } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { getMembershipRole, listOrganizationsForUser } from "@/lib/organizations";
import { createTestDatabase } from "../helpers/db";

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});

afterAll(async () => {
  await opened?.close();
});

describe("signUp", () => {
  it("creates the user with a personal organization they own", async () => {
    const { user, organization } = await signUp(
      opened.db,
      signUpInput.parse({ name: "Ada", email: "Ada@Example.test", password: "long enough password" }),
    );
    expect(user).toMatchObject({ id: expect.stringMatching(/^usr_/), email: "ada@example.test", name: "Ada" });
    expect(organization).toMatchObject({ id: expect.stringMatching(/^org_/), name: "Ada's workspace", personal: true });
    expect(await getMembershipRole(opened.db, organization.id, user.id)).toBe("owner");
    expect(await listOrganizationsForUser(opened.db, user.id)).toEqual([
      { id: organization.id, name: "Ada's workspace", role: "owner" },
    ]);
  });

  it("stores a password hash that verifies, never the password", async () => {
    const { user } = await signUp(
      opened.db,
      signUpInput.parse({ name: "Grace", email: "grace@example.test", password: "another long password" }),
    );
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain("another long password");
    expect((await verifyCredentials(opened.db, "grace@example.test", "another long password"))?.id).toBe(user.id);
    expect(await verifyCredentials(opened.db, "grace@example.test", "wrong password")).toBeNull();
  });

  it("refuses an email that already has an account with a ConflictError, and creates nothing", async () => {
    const input = signUpInput.parse({ name: "Linus", email: "linus@example.test", password: "first password!" });
    await signUp(opened.db, input);
    const orgs = await opened.db.organization.count();
    const again = signUp(opened.db, signUpInput.parse({ ...input, email: "LINUS@example.test", password: "second password!" }));
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toThrow("An account with this email already exists. Sign in instead.");
    expect(await opened.db.organization.count()).toBe(orgs);
    expect(await opened.db.user.count({ where: { email: "linus@example.test" } })).toBe(1);
  });

  it("validates the input: a valid email and a password of at least 10 characters", () => {
    const result = signUpInput.safeParse({ name: "", email: "nope", password: "short" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["name", "email", "password"]);
  });
});
