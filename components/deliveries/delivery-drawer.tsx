"use client";

import { useQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { getDeliveryAction, resendDeliveryAction } from "@/lib/actions/deliveries";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { Drawer } from "@/components/ui/drawer";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { RelativeTime } from "@/components/ui/time";
import type { toAttemptResource } from "@/lib/delivery/log";
import { ReplayEvent } from "./replay-event";

type Attempt = ReturnType<typeof toAttemptResource>;

function pretty(body: string | null): string {
  if (!body) return "";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Headers({ headers }: { headers: unknown }) {
  const entries = Object.entries((headers ?? {}) as Record<string, string>);
  if (entries.length === 0) return <p className="text-xs text-neutral-500">No headers.</p>;
  return (
    <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-3 gap-y-1 font-mono text-xs">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-neutral-500">{k}</dt>
          <dd className="break-all text-neutral-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Code({ children, label }: { children: string; label: string }) {
  return (
    <pre aria-label={label} className="max-h-80 overflow-auto rounded-md bg-neutral-900 p-3 font-mono text-xs whitespace-pre-wrap text-neutral-100">
      {children || "(empty)"}
    </pre>
  );
}

function AttemptCard({ attempt }: { attempt: Attempt }) {
  const ok = attempt.response_status !== null && attempt.response_status >= 200 && attempt.response_status < 300;
  return (
    <details className="group rounded-lg ring-1 ring-neutral-200" open={!ok}>
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-3 px-4 py-3 text-sm">
        <span className="font-semibold">Attempt {attempt.number}</span>
        <Badge tone={ok ? "success" : "danger"}>{attempt.response_status ?? "no response"}</Badge>
        <Badge>{attempt.trigger}</Badge>
        <span className="text-neutral-500">{attempt.duration_ms} ms</span>
        <span className="ml-auto text-xs text-neutral-500">
          <RelativeTime date={attempt.sent_at} />
        </span>
      </summary>
      <div className="space-y-4 border-t border-neutral-100 px-4 py-4">
        {attempt.error && (
          <p role="note" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
            {attempt.error}
          </p>
        )}
        <section>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-neutral-500 uppercase">Request</h4>
          <p className="mb-2 font-mono text-xs break-all">POST {attempt.request_url}</p>
          <Headers headers={attempt.request_headers} />
          <div className="mt-2">
            <Code label={`Request body of attempt ${attempt.number}`}>{pretty(attempt.request_body)}</Code>
          </div>
        </section>
        <section>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-neutral-500 uppercase">Response</h4>
          {attempt.response_status === null ? (
            <p className="text-sm text-neutral-600">No response was received.</p>
          ) : (
            <>
              <Headers headers={attempt.response_headers} />
              <div className="mt-2">
                <Code label={`Response body of attempt ${attempt.number}`}>{pretty(attempt.response_body)}</Code>
              </div>
            </>
          )}
        </section>
      </div>
    </details>
  );
}

export function DeliveryDrawer({
  orgId,
  deliveryId,
  onClose,
  canResend,
}: {
  orgId: string;
  deliveryId: string | null;
  onClose: () => void;
  canResend: boolean;
}) {
  const detail = useQuery({
    queryKey: queryKeys.delivery(orgId, deliveryId),
    enabled: deliveryId !== null,
    queryFn: () => unwrap(() => getDeliveryAction(orgId, { deliveryId: deliveryId! })),
    refetchInterval: 5_000,
  });
  const resend = useActionMutation(() => resendDeliveryAction(orgId, { deliveryId: deliveryId! }), {
    invalidate: [queryKeys.delivery(orgId, deliveryId), queryKeys.deliveries(orgId)],
    onSuccess: (attempt) => {
      if (attempt.status === "succeeded") toast.success(`Resent: the endpoint answered ${attempt.response_status}.`);
      else toast.error(`Resent, but it failed again${attempt.response_status ? ` (HTTP ${attempt.response_status})` : ""}.`);
    },
  });
  const d = detail.data;

  return (
    <Drawer open={deliveryId !== null} onClose={onClose} title={d ? `Delivery of ${d.event_type}` : "Delivery"}>
      {detail.isPending ? (
        <p className="flex items-center gap-2 text-sm text-neutral-500">
          <Spinner /> Loading…
        </p>
      ) : detail.isError ? (
        <p role="alert" className="text-sm text-danger-700">
          {detail.error.message}
        </p>
      ) : d ? (
        <div className="space-y-6">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-xs text-neutral-500">Status</dt>
              <dd>
                <StatusBadge status={d.status} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-500">Endpoint</dt>
              <dd className="truncate">{d.webhook_name}</dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-500">Attempts</dt>
              <dd>{d.attempt_count}</dd>
            </div>
            <div className="col-span-2">
              <dt className="text-xs text-neutral-500">Event ID (webhook-id)</dt>
              <dd className="font-mono text-xs">{d.event_id}</dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-500">Next attempt</dt>
              <dd>{d.next_attempt_at ? <RelativeTime date={d.next_attempt_at} /> : "—"}</dd>
            </div>
          </dl>
          {d.last_error && d.status !== "succeeded" && (
            <p className="rounded-md bg-warning-50 px-3 py-2 text-sm text-warning-900">Last error: {d.last_error}</p>
          )}
          {canResend && (
            <div className="flex items-center gap-3">
              <Button variant={d.status === "succeeded" ? "secondary" : "primary"} onClick={() => resend.mutate()} loading={resend.isPending}>
                Resend
              </Button>
              <span className="text-xs text-neutral-500">Sends it again now, with the same webhook-id.</span>
            </div>
          )}
          {canResend ? (
            <ReplayEvent orgId={orgId} eventId={d.event_id} defaultEndpointId={d.webhook_id} />
          ) : (
            <ReadOnlyNote>Developers, admins and owners can resend and replay deliveries.</ReadOnlyNote>
          )}
          <section aria-label="Attempts" className="space-y-3">
            <h3 className="text-sm font-semibold">Attempts</h3>
            {d.attempts.length === 0 ? (
              <p className="text-sm text-neutral-500">Not attempted yet: it is queued.</p>
            ) : (
              [...d.attempts].reverse().map((a) => <AttemptCard key={a.id} attempt={a} />)
            )}
          </section>
        </div>
      ) : null}
    </Drawer>
  );
}
