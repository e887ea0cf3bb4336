// The audit log page's filters in its URL (a filtered view can be shared) and how an entry is summarised.
import { describe, expect, it } from "vitest";
import { NO_FILTERS, filtersFromSearchParams, isFiltered, queryOf, searchOf } from "@/components/audit/filters";
import { actionOptions, fromLocalInput, metadataSummary, toLocalInput } from "@/components/audit/format";
import { auditListQuery } from "@/lib/audit";

describe("the audit log page's URL", () => {
  it("round-trips every filter through the query string", () => {
    const filters = { ...NO_FILTERS, actor: "usr_01JH6ZG7H8J9K0MNPQRSTVWXYZ", action: "endpoint.*", resource_id: "ep_01JH6ZG7H8J9K0MNPQRSTVWXYZ", range: "24h" };
    const search = searchOf(filters);
    expect(search).toBe("?actor=usr_01JH6ZG7H8J9K0MNPQRSTVWXYZ&action=endpoint.*&resource_id=ep_01JH6ZG7H8J9K0MNPQRSTVWXYZ&range=24h");
    expect(filtersFromSearchParams(Object.fromEntries(new URLSearchParams(search)))).toEqual(filters);

    const custom = { ...NO_FILTERS, range: "custom", since: "2026-01-15T10:00:00.000Z", until: "2026-01-16T10:00:00.000Z" };
    expect(filtersFromSearchParams(Object.fromEntries(new URLSearchParams(searchOf(custom))))).toEqual(custom);
  });

  it("is empty without filters, and ignores an unknown range and repeated parameters' extra values", () => {
    expect(searchOf(NO_FILTERS)).toBe("");
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(filtersFromSearchParams({ range: "forever", action: ["endpoint.created", "project.created"] })).toEqual({ ...NO_FILTERS, action: "endpoint.created" });
  });

  it("asks the server for what the filters say, a relative range as since at the time asked", () => {
    const now = Date.UTC(2026, 0, 15, 12, 0, 0);
    const query = queryOf({ ...NO_FILTERS, action: "endpoint.*", resource_id: "  ep_1  ", range: "1h" }, now);
    expect(query).toEqual({ actor: undefined, action: "endpoint.*", resource_id: "ep_1", since: "2026-01-15T11:00:00.000Z", until: undefined });
    expect(auditListQuery.safeParse(query).success).toBe(true);
    expect(queryOf({ ...NO_FILTERS, range: "custom", since: "2026-01-01T00:00:00.000Z" }, now)).toMatchObject({ since: "2026-01-01T00:00:00.000Z", until: undefined });
    expect(queryOf(NO_FILTERS, now)).toEqual({ actor: undefined, action: undefined, resource_id: undefined, since: undefined, until: undefined });
  });
});

describe("showing entries", () => {
  it("summarises metadata in one line, bounded", () => {
    expect(metadataSummary({ name: "Deploy bot", scopes: ["builds:write", "builds:read"], overlap_seconds: 60, until: null })).toBe(
      "name: Deploy bot · scopes: builds:write, builds:read · overlap seconds: 60 · until: —",
    );
    expect(metadataSummary({})).toBe("");
    expect(metadataSummary({ note: "x".repeat(500) })).toHaveLength(140);
  });

  it("offers each group of the actions present, the actions, and a shared link's filter", () => {
    expect(actionOptions(["endpoint.created", "project.updated", "endpoint.deleted"], "")).toEqual({
      groups: ["endpoint.*", "project.*"],
      actions: ["endpoint.created", "endpoint.deleted", "project.updated"],
    });
    expect(actionOptions(["endpoint.created"], "member.*").groups).toEqual(["endpoint.*", "member.*"]);
    expect(actionOptions(["endpoint.created"], "member.removed").actions).toEqual(["endpoint.created", "member.removed"]);
  });

  it("converts the custom range's local inputs to ISO and back", () => {
    const iso = fromLocalInput("2026-01-15T10:35");
    expect(iso).toBe(new Date(2026, 0, 15, 10, 35).toISOString());
    expect(toLocalInput(iso)).toBe("2026-01-15T10:35");
    expect(fromLocalInput("")).toBe("");
    expect(toLocalInput("not a date")).toBe("");
  });
});
