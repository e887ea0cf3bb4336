"use client";

import type { AuditEntryResource } from "@/lib/audit/schemas";
import { Badge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { ACTOR_TYPES, metadataSummary } from "./format";

const FILTER_BUTTON = "text-left hover:underline focus-visible:outline-2 focus-visible:outline-brand-600";

/**
 * The entries: when, who, what, on which object, from where, and the metadata in one line
 * (all of it, with the user agent, under Details). Who and the object are buttons that
 * narrow the log to them.
 */
export function AuditTable({
  entries,
  onFilter,
}: {
  entries: AuditEntryResource[];
  onFilter: (patch: { actor?: string; resource_id?: string }) => void;
}) {
  return (
    <Table label="Audit log" columns={["When", "Who", "Action", "Target", "From", "Details"]}>
      {entries.map((entry) => {
        const actorFilter = entry.actor.type === "system" ? "system" : entry.actor.id;
        const summary = metadataSummary(entry.metadata);
        const hasDetails = Object.keys(entry.metadata).length > 0 || entry.user_agent;
        return (
          <tr key={entry.id} className="align-top">
            <Td className="whitespace-nowrap">
              <RelativeTime date={entry.created_at} />
            </Td>
            <Td className="whitespace-nowrap">
              {actorFilter ? (
                <button
                  type="button"
                  className={`${FILTER_BUTTON} text-neutral-900`}
                  onClick={() => onFilter({ actor: actorFilter })}
                  aria-label={`Show only entries by ${entry.actor.label}`}
                >
                  {entry.actor.label}
                </button>
              ) : (
                <span className="text-neutral-900">{entry.actor.label}</span>
              )}
              {/* A key's label already says "API key"; a person's and the system's say what they are here. */}
              {entry.actor.type !== "api_key" && <span className="block text-xs text-neutral-500">{ACTOR_TYPES[entry.actor.type] ?? entry.actor.type}</span>}
            </Td>
            <Td>
              <Badge tone="info">{entry.action}</Badge>
            </Td>
            <Td>
              <span className="block text-xs text-neutral-500">{entry.resource.type.replaceAll("_", " ")}</span>
              {entry.resource.id && (
                <button
                  type="button"
                  className={`${FILTER_BUTTON} font-mono text-xs text-neutral-800`}
                  onClick={() => onFilter({ resource_id: entry.resource.id! })}
                  aria-label={`Show only entries on ${entry.resource.id}`}
                >
                  {entry.resource.id}
                </button>
              )}
            </Td>
            <Td className="text-xs whitespace-nowrap text-neutral-500">{entry.ip ?? "—"}</Td>
            <Td className="text-xs">
              {/* Table cells ignore max-width: a block inside bounds the column. */}
              <div className="w-72 max-w-sm">
                {summary ? <span className="block break-words text-neutral-700">{summary}</span> : <span className="text-neutral-400">—</span>}
                {hasDetails && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-neutral-500 hover:text-neutral-800">Details</summary>
                    <dl className="mt-1 space-y-1">
                      {entry.user_agent && (
                        <div>
                          <dt className="text-neutral-500">User agent</dt>
                          <dd className="break-all text-neutral-700">{entry.user_agent}</dd>
                        </div>
                      )}
                      <div>
                        <dt className="text-neutral-500">Metadata</dt>
                        <dd>
                          <pre className="overflow-x-auto rounded bg-neutral-50 p-2 font-mono text-[11px] text-neutral-800">
                            {JSON.stringify(entry.metadata, null, 2)}
                          </pre>
                        </dd>
                      </div>
                    </dl>
                  </details>
                )}
              </div>
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}
