"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { listEndpointNamesAction, replayEventAction } from "@/lib/actions/deliveries";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";

/** Replay: send this event (again) to any endpoint of the organization. */
export function ReplayEvent({ orgId, eventId, defaultEndpointId }: { orgId: string; eventId: string; defaultEndpointId: string }) {
  const [endpointId, setEndpointId] = useState(defaultEndpointId);
  const endpoints = useQuery({
    queryKey: queryKeys.endpointNames(orgId),
    queryFn: () => unwrap(() => listEndpointNamesAction(orgId, {})),
  });
  const replay = useActionMutation(() => replayEventAction(orgId, { eventId, endpointId }), {
    invalidate: [queryKeys.deliveries(orgId)],
    onSuccess: () => {
      const name = endpoints.data?.find((e) => e.id === endpointId)?.name ?? "the endpoint";
      toast.success(`Replay queued to ${name}.`);
    },
  });
  return (
    <div className="flex flex-wrap items-end gap-2">
      <label className="text-xs font-medium text-neutral-600">
        Replay this event to
        <Select
          compact
          className="mt-1 max-w-64"
          value={endpointId}
          onChange={(e) => setEndpointId(e.target.value)}
          disabled={!endpoints.data}
          options={(endpoints.data ?? [{ id: defaultEndpointId, name: "…" }]).map((e) => ({ value: e.id, label: e.name }))}
        />
      </label>
      <Button variant="secondary" size="sm" onClick={() => replay.mutate()} loading={replay.isPending}>
        Replay
      </Button>
    </div>
  );
}
