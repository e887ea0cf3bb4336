"use client";

import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { RANGES, isFiltered, type AuditFilters } from "./filters";
import { actionOptions, fromLocalInput, toLocalInput } from "./format";

export type AuditFilterOptions = {
  actions: string[];
  actors: { type: "user" | "api_key"; id: string; label: string }[];
};

const LABEL = "text-xs font-medium text-neutral-600";

/** The audit log's filters: action (exact or a group), actor, resource id, time range. */
export function AuditFilterBar({
  filters,
  options,
  onChange,
}: {
  filters: AuditFilters;
  options: AuditFilterOptions;
  onChange: (patch: Partial<AuditFilters>) => void;
}) {
  const actions = actionOptions(options.actions, filters.action);
  const actorKnown = !filters.actor || filters.actor === "system" || options.actors.some((a) => a.id === filters.actor);
  return (
    <div role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-2">
      <label className={LABEL}>
        Action
        <Select aria-label="Action" className="mt-1 max-w-64" value={filters.action} onChange={(e) => onChange({ action: e.target.value })}>
          <option value="">Any action</option>
          {actions.groups.length > 0 && (
            <optgroup label="Every action on">
              {actions.groups.map((group) => (
                <option key={group} value={group}>
                  {group}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Actions">
            {actions.actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </optgroup>
        </Select>
      </label>
      <label className={LABEL}>
        Actor
        <Select aria-label="Actor" className="mt-1 max-w-64" value={filters.actor} onChange={(e) => onChange({ actor: e.target.value })}>
          <option value="">Anyone</option>
          <option value="system">Control Center (system)</option>
          {options.actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.label}
            </option>
          ))}
          {!actorKnown && <option value={filters.actor}>{filters.actor}</option>}
        </Select>
      </label>
      <label className={`${LABEL} min-w-56 flex-1`}>
        Resource ID
        <Input
          aria-label="Resource ID"
          className="mt-1 font-mono"
          placeholder="ep_…, proj_…, key_…"
          value={filters.resource_id}
          onChange={(e) => onChange({ resource_id: e.target.value })}
        />
      </label>
      <label className={LABEL}>
        Time
        <Select
          aria-label="Time range"
          className="mt-1"
          value={filters.range}
          onChange={(e) => onChange({ range: e.target.value, since: "", until: "" })}
          options={RANGES}
        />
      </label>
      {filters.range === "custom" && (
        <>
          <label className={LABEL}>
            From
            <Input
              type="datetime-local"
              aria-label="From"
              className="mt-1"
              value={toLocalInput(filters.since)}
              onChange={(e) => onChange({ since: fromLocalInput(e.target.value) })}
            />
          </label>
          <label className={LABEL}>
            Until
            <Input
              type="datetime-local"
              aria-label="Until"
              className="mt-1"
              value={toLocalInput(filters.until)}
              onChange={(e) => onChange({ until: fromLocalInput(e.target.value) })}
            />
          </label>
        </>
      )}
      {isFiltered(filters) && (
        <Button variant="ghost" onClick={() => onChange({ actor: "", action: "", resource_id: "", range: "", since: "", until: "" })}>
          Clear filters
        </Button>
      )}
    </div>
  );
}
