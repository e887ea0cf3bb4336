import { describe, expect, it } from "vitest";
import { actionPrefixOf, auditListQuery, isActionFilter } from "./schemas";

describe("action filters", () => {
  it("accept an exact action or a prefix of whole words ending in .*", () => {
    for (const ok of ["endpoint.created", "endpoint.secret_revealed", "api_key.*", "endpoint.*", "member.role.*", "project"]) {
      expect(isActionFilter(ok), ok).toBe(true);
    }
  });

  it("refuse wildcards elsewhere, upper case, empty words and anything long", () => {
    for (const bad of ["", "*", ".*", "endpoint*", "endpoint.*.created", "endpoint.sec*", "Endpoint.created", "endpoint..created", "endpoint.", "end point.x", `${"a".repeat(99)}.b`, "%", "endpoint.%"]) {
      expect(isActionFilter(bad), bad).toBe(false);
    }
  });

  it("name the prefix a filter stands for", () => {
    expect(actionPrefixOf("endpoint.*")).toBe("endpoint.");
    expect(actionPrefixOf("member.role.*")).toBe("member.role.");
    expect(actionPrefixOf("endpoint.created")).toBeNull();
  });
});

describe("auditListQuery", () => {
  it("takes an actor id or system, and refuses anything else with a message saying what to pass", () => {
    expect(auditListQuery.parse({ actor: "system" }).actor).toBe("system");
    expect(auditListQuery.parse({ actor: "usr_01JH6ZG7H8J9K0MNPQRSTVWXYZ" }).actor).toBe("usr_01JH6ZG7H8J9K0MNPQRSTVWXYZ");
    const refused = auditListQuery.safeParse({ actor: "demo@controlcenter.local" });
    expect(refused.error?.issues[0]).toMatchObject({ path: ["actor"], message: expect.stringContaining("usr_") });
  });

  it("wants until after since", () => {
    const refused = auditListQuery.safeParse({ since: "2026-01-02T00:00:00Z", until: "2026-01-01T00:00:00Z" });
    expect(refused.error?.issues[0].path).toEqual(["until"]);
  });
});
