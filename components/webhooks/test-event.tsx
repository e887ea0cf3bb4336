"use client";

import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { sendTestEventAction } from "@/lib/actions/webhooks";
import { StatusBadge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/section-card";

const SHOWN_BODY_CHARS = 2000;
const PERMISSION = "Developers, admins and owners can send test events.";

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Sends a webhook.test event now and shows what the endpoint answered. */
export function TestEvent({ orgId, endpointId, canSend, active }: { orgId: string; endpointId: string; canSend: boolean; active: boolean }) {
  const send = useActionMutation(() => sendTestEventAction(orgId, { endpointId }), {
    invalidate: [queryKeys.deliveries(orgId)],
    onSuccess: (data) => {
      if (data.status === "succeeded") toast.success(`Test event delivered: HTTP ${data.response_status} in ${data.duration_ms} ms.`);
      else toast.error(`Test event failed${data.response_status ? ` with HTTP ${data.response_status}` : ""}. See the result below.`);
    },
  });
  const result = send.data;
  const body = result ? pretty(result.response_body) : "";

  return (
    <SectionCard
      id="test-event"
      title="Send test event"
      description={
        <>
          Delivers a <code className="font-mono text-xs">webhook.test</code> event to this endpoint right now, signed like any other.
        </>
      }
      actions={
        <Button
          variant="secondary"
          onClick={() => send.mutate()}
          loading={send.isPending}
          disabled={!canSend}
          title={canSend ? undefined : PERMISSION}
          aria-describedby={canSend ? undefined : "test-event-permission"}
        >
          {send.isPending ? "Sending…" : "Send test event"}
        </Button>
      }
    >
      <div aria-live="polite" aria-busy={send.isPending} className="space-y-3 text-sm">
        {!canSend && (
          <p id="test-event-permission" className="text-xs text-neutral-500">
            {PERMISSION}
          </p>
        )}
        {!active && !result && (
          <p className="text-xs text-neutral-500">The endpoint is disabled; test events are still sent, so you can check the receiver.</p>
        )}
        {send.isPending ? (
          <p className="flex items-center gap-2 text-neutral-500">
            <Spinner /> Waiting for the endpoint to answer (up to 15 seconds)…
          </p>
        ) : send.isError ? (
          <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-danger-700">
            {send.error.message}
          </p>
        ) : result ? (
          <div className="space-y-3" aria-label="Test result" role="group">
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
              <StatusBadge status={result.status} />
              <span>
                <span className="text-neutral-500">HTTP </span>
                <span className="font-medium text-neutral-900">{result.response_status ?? "no response"}</span>
              </span>
              <span>
                <span className="font-medium text-neutral-900">{result.duration_ms}</span>
                <span className="text-neutral-500"> ms</span>
              </span>
              <code className="font-mono text-xs text-neutral-500" title="Event id">
                {result.event_id}
              </code>
            </div>
            {result.error && (
              <p role="note" className="rounded-md bg-danger-50 px-3 py-2 text-danger-700">
                {result.error}
              </p>
            )}
            {result.response_status !== null && (
              <div>
                <h3 className="mb-1 text-xs font-semibold tracking-wide text-neutral-500 uppercase">Response body</h3>
                <pre
                  aria-label="Test response body"
                  className="max-h-56 overflow-auto rounded-md bg-neutral-900 p-3 font-mono text-xs whitespace-pre-wrap text-neutral-100"
                >
                  {body ? body.slice(0, SHOWN_BODY_CHARS) : "(empty)"}
                </pre>
                {body.length > SHOWN_BODY_CHARS && (
                  <p className="mt-1 text-xs text-neutral-500">
                    Showing the first {SHOWN_BODY_CHARS.toLocaleString("en")} characters; the delivery log keeps up to 64 KiB.
                  </p>
                )}
              </div>
            )}
          </div>
        ) : (
          <p className="text-neutral-500">
            No test sent yet. The result (status, HTTP code, time and the response body) appears here and in the delivery log.
          </p>
        )}
      </div>
    </SectionCard>
  );
}
