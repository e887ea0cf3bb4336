"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { addDomainAction, listDomainsAction, removeDomainAction } from "@/lib/actions/projects";
import type { DomainResource } from "@/lib/builds/schemas";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input } from "@/components/ui/field";
import { LoadFailed, LoadingPanel } from "@/components/ui/query-states";
import { SectionCard } from "@/components/ui/section-card";
import { submitTo } from "@/components/ui/submit";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { ReadOnlyNote } from "@/components/ui/read-only-note";

/** The project's custom domains: listed for everyone, added and removed by developers and above. */
export function DomainsCard({
  orgId,
  project,
  initial,
  canWrite,
}: {
  orgId: string;
  project: { id: string; name: string };
  initial: DomainResource[];
  canWrite: boolean;
}) {
  const queryKey = queryKeys.domains(orgId, project.id);
  const query = useQuery({ queryKey, initialData: initial, queryFn: () => unwrap(() => listDomainsAction(orgId, { projectId: project.id })) });
  const [hostname, setHostname] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [removing, setRemoving] = useState<DomainResource | null>(null);

  const add = useActionMutation((name: string) => addDomainAction(orgId, { projectId: project.id, hostname: name }), {
    invalidate: [queryKey],
    onSuccess: (domain) => {
      setHostname("");
      toast.success(`${domain.hostname} added to ${project.name}`);
    },
    // Invalid hostnames and duplicates alike are shown next to the field.
    onError: (failure) => {
      setError(failure.fieldErrors.find((e) => e.field === "hostname")?.message ?? failure.message);
      toast.error(failure.message);
    },
  });
  const remove = useActionMutation((domain: DomainResource) => removeDomainAction(orgId, { projectId: project.id, domainId: domain.id }), {
    invalidate: [queryKey],
    onSuccess: (domain) => {
      setRemoving(null);
      toast.success(`${domain.hostname} removed from ${project.name}`);
    },
  });

  return (
    <SectionCard
      id="domains"
      title="Custom domains"
      description={
        <>
          Hostnames {project.name}&apos;s deployments are served on. Adding one sends <code className="font-mono text-xs">domain.added</code> to
          your endpoints. Domains are stored unverified.
        </>
      }
    >
      <div className="space-y-4">
        {canWrite ? (
          <form
            aria-label="Add a domain"
            onSubmit={submitTo(() => {
              setError(undefined);
              add.mutate(hostname);
            })}
            className="flex flex-wrap items-start gap-2"
          >
            <div className="min-w-64 flex-1">
              <Field label="Hostname" hint="A DNS name such as plugin.example.com: no https://, path or port." error={error}>
                {(p) => (
                  <Input
                    {...p}
                    name="hostname"
                    value={hostname}
                    onChange={(e) => setHostname(e.target.value)}
                    placeholder="plugin.example.com"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={253}
                    required
                    className="font-mono"
                  />
                )}
              </Field>
            </div>
            <Button type="submit" loading={add.isPending} className="mt-7">
              Add domain
            </Button>
          </form>
        ) : (
          <ReadOnlyNote>Viewers can see the domains; developers, admins and owners can add and remove them.</ReadOnlyNote>
        )}

        {query.isPending ? (
          <LoadingPanel>Loading domains…</LoadingPanel>
        ) : query.isError ? (
          <LoadFailed what="the domains" error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.length === 0 ? (
          <EmptyState title="No custom domains" description={canWrite ? "Add a hostname above to serve deployments on your own domain." : `${project.name} has no custom domains yet.`} />
        ) : (
          <Table label="Domains" columns={["Hostname", "Status", "Added", canWrite && { label: "Actions", srOnly: true, className: "text-right" }]}>
            {query.data.map((domain) => (
              <tr key={domain.id}>
                <Td className="font-mono text-neutral-900">{domain.hostname}</Td>
                <Td>
                  {domain.verified ? <Badge tone="success">verified</Badge> : <Badge tone="neutral">unverified</Badge>}
                </Td>
                <Td>
                  <RelativeTime date={domain.created_at} />
                </Td>
                {canWrite && (
                  <Td className="text-right">
                    <Button variant="ghost" size="sm" onClick={() => setRemoving(domain)} aria-label={`Remove ${domain.hostname}`}>
                      Remove
                    </Button>
                  </Td>
                )}
              </tr>
            ))}
          </Table>
        )}
      </div>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing)}
        pending={remove.isPending}
        title="Remove domain?"
        description={
          <>
            <strong className="font-mono text-neutral-900">{removing?.hostname}</strong> stops being a domain of {project.name}. You can add it
            again later.
          </>
        }
        confirmLabel="Remove domain"
      />
    </SectionCard>
  );
}
