// The dashboard's authorization matrix: every server action × every kind of member (and
// non-member, and no session) → allowed or refused exactly as the action's declared
// permission says. Generated from the actions themselves: a new action is covered at once.
// Callers include sessions *after* a change: a member's session after they signed out, after
// they were removed, and after their role changed (each ended: "Your session has ended"), and
// the demoted member signed in again (refused as their new role).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemActor } from "@/lib/audit";
import { can, credentialConsequences, requirementOf, ROLES, type Permission, type Role } from "@/lib/auth";
import { endSessions } from "@/lib/auth/sessions";
import type { OpenedDatabase } from "@/lib/db";
import { changeMemberRole, removeMember } from "@/lib/organizations";
import { addMember, createOrgWithUser, createTestDatabase } from "../helpers/db";

// The session is whoever the test says is signed in; no request scope exists in a test.
const session = vi.hoisted(() => ({ userId: null as string | null, version: 0 }));
vi.mock("@/lib/auth/authjs", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionVersion: session.version } : null),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "matrix" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

type Action = ((orgId: string, input: unknown) => Promise<{ ok: boolean; error?: string }>) & { permission?: Permission };
type Caller =
  | { kind: "role"; role: Role; userId: string; label?: string; version?: number }
  | { kind: "non-member"; userId: string }
  | { kind: "signed-out" }
  /** A session issued before a change that ended it (its cookie kept). */
  | { kind: "ended"; label: string; userId: string; version: number };

let opened: OpenedDatabase;
let orgId: string;
const callers: Caller[] = [{ kind: "signed-out" }];

beforeAll(async () => {
  opened = await createTestDatabase();
  const owner = await createOrgWithUser(opened.db, "owner");
  orgId = owner.org.id;
  callers.push({ kind: "role", role: "owner", userId: owner.user.id });
  for (const role of ROLES.filter((r) => r !== "owner")) {
    const member = await createOrgWithUser(opened.db, "owner");
    await opened.db.membership.create({ data: { id: `mem_${member.user.id.slice(4)}`, organizationId: orgId, userId: member.user.id, role } });
    callers.push({ kind: "role", role, userId: member.user.id });
  }
  callers.push({ kind: "non-member", userId: (await createOrgWithUser(opened.db, "owner")).user.id });

  const member = async (role: Role) => (await addMember(opened.db, orgId, role)).id;
  const signedOut = await member("admin");
  await endSessions(opened.db, signedOut);
  callers.push({ kind: "ended", label: "admin after signing out", userId: signedOut, version: 0 });
  const removed = await member("admin");
  await removeMember(opened.db, orgId, removed, systemActor, { owners: true }, credentialConsequences);
  callers.push({ kind: "ended", label: "admin after removal", userId: removed, version: 0 });
  const demoted = await member("admin");
  await changeMemberRole(opened.db, orgId, demoted, "viewer", systemActor, { owners: true }, credentialConsequences);
  callers.push({ kind: "ended", label: "admin after demotion, old session", userId: demoted, version: 0 });
  callers.push({ kind: "role", role: "viewer", label: "demoted admin, signed in again", userId: demoted, version: 1 });
});

afterAll(async () => {
  await opened?.close();
});

async function orgActions(): Promise<[string, Action][]> {
  // Every action module, found on disk: a new one is in the matrix without being listed here.
  const names = readdirSync(join(__dirname, "../../lib/actions"))
    // guard.ts is the guard; auth.ts signs people in and out (no organization, and Auth.js itself).
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "guard.ts" && file !== "auth.ts")
    .map((file) => file.replace(/\.ts$/, ""));
  const modules = await Promise.all(names.map((name) => import(/* @vite-ignore */ `@/lib/actions/${name}`)));
  // Organization actions carry their permission; the others (sign-in, creating an organization) need no membership.
  const actions = modules.flatMap((m) => Object.entries(m as Record<string, Action>).filter(([, value]) => typeof value === "function" && value.permission));
  // Leaving takes no input, so it succeeds: it goes last, or the callers would have left before the other cells.
  return actions.sort(([a], [b]) => Number(a.startsWith("leave")) - Number(b.startsWith("leave")));
}

describe("dashboard authorization matrix", () => {
  it("declares a permission on every organization action", async () => {
    const actions = await orgActions();
    expect(actions.length).toBeGreaterThan(20);
    for (const [name, action] of actions) expect(action.permission, name).toEqual(expect.any(String));
  });

  it("allows or refuses every caller exactly as the action's permission says", async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const [name, action] of await orgActions()) {
      const permission = action.permission!;
      for (const caller of callers) {
        session.userId = caller.kind === "signed-out" ? null : caller.userId;
        session.version = "version" in caller ? (caller.version ?? 0) : 0;
        const result = await action(orgId, {});
        cells += 1;
        let refusal: string | null;
        if (caller.kind === "signed-out" || caller.kind === "ended") refusal = "Your session has ended. Sign in again.";
        else if (caller.kind === "non-member") refusal = "You are not a member of this organization.";
        else refusal = can({ kind: "role", role: caller.role }, permission) ? null : requirementOf({ kind: "role", role: caller.role }, permission);
        const label = caller.kind === "role" ? (caller.label ?? caller.role) : caller.kind === "ended" ? caller.label : caller.kind;
        if (refusal !== null && (result.ok || result.error !== refusal)) wrong.push(`${name} as ${label}: ${JSON.stringify(result)}, expected "${refusal}"`);
        if (refusal === null && !result.ok && /session has ended|not a member|needs the .* role/.test(result.error ?? "")) {
          wrong.push(`${name} as ${label}: refused (${result.error}) although ${permission} allows it`);
        }
      }
    }
    expect(wrong).toEqual([]);
    console.log(`[authorization] ${cells} dashboard cells: ${cells / callers.length} actions × ${callers.length} callers`);
  });
});
