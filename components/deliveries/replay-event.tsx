"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { listEndpointNamesAction, replayEventAction } from "@/app/(dashboard)/orgs/[orgId]/deliveries/actions";
import { Button } from "@/components/ui/button";

/** Replay: send this event (again) to any endpoint of the organization. */
export function ReplayEvent({ orgId, eventId, defaultEndpointId }: { orgId: string; eventId: string; defaultEndpointId: string }) {
  const client = useQueryClient();
  const [endpointId, setEndpointId] = useState(defaultEndpointId);
  const endpoints = useQuery({
    queryKey: ["endpoint-names", orgId],
    queryFn: async () => {
      const result = await listEndpointNamesAction(orgId);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
  });
  const replay = useMutation({
    mutationFn: () => replayEventAction(orgId, eventId, endpointId),
    onSuccess: (result) => {
      if (!result.ok) return toast.error(result.error);
      const name = endpoints.data?.find((e) => e.id === endpointId)?.name ?? "the endpoint";
      toast.success(`Replay queued to ${name}.`);
      void client.invalidateQueries({ queryKey: ["deliveries", orgId] });
    },
    onError: () => toast.error("Could not reach the server. Try again."),
  });
  return (
    <div className="flex flex-wrap items-end gap-2">
      <label className="text-xs font-medium text-neutral-600">
        Replay this event to
        <select
          className="mt-1 block h-8 max-w-64 rounded-md border-0 bg-white px-2 text-sm ring-1 ring-neutral-300 ring-inset"
          value={endpointId}
          onChange={(e) => setEndpointId(e.target.value)}
          disabled={!endpoints.data}
        >
          {(endpoints.data ?? [{ id: defaultEndpointId, name: "…" }]).map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      <Button variant="secondary" size="sm" onClick={() => replay.mutate()} loading={replay.isPending}>
        Replay
      </Button>
    </div>
  );
}
