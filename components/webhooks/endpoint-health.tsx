"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { Tabs } from "@/components/triggers/tabs";
import { Badge } from "@/components/ui/badge";
import { LoadFailed } from "@/components/ui/query-states";
import { SectionCard } from "@/components/ui/section-card";
import { SkeletonBar } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { webhookHealthAction } from "@/lib/actions/webhooks";
import type { EndpointHealthSeries } from "@/lib/webhooks/schemas";
import { formatCountExact, formatLatency, formatRate, HEALTH_STATE_LABELS, rateTone } from "./health-format";

type HealthWindow = EndpointHealthSeries["window"];
type Point = EndpointHealthSeries["series"][number];

const WINDOWS: { value: HealthWindow; label: string }[] = [
  { value: "24h", label: "24 h" },
  { value: "7d", label: "7 d" },
];
const WINDOW_TEXT: Record<HealthWindow, string> = { "24h": "24 hours", "7d": "7 days" };
const POINT_HOURS: Record<HealthWindow, number> = { "24h": 1, "7d": 6 };
const PANEL = "endpoint-health";

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

function axisLabel(start: string, range: HealthWindow): string {
  return (range === "24h" ? hourFormat : dayFormat).format(new Date(start));
}

function intervalLabel(start: string, range: HealthWindow): string {
  const from = new Date(start);
  const to = new Date(from.getTime() + POINT_HOURS[range] * 3600_000);
  return `${dayFormat.format(from)} – ${hourFormat.format(to)}`;
}

/**
 * The endpoint's delivery health (docs/delivery.md#endpoint-health): the figures of the last 24
 * hours or 7 days and a chart of succeeded and failed attempts per hour (24 h) or 6 hours (7 d).
 */
export function EndpointHealthCard({
  orgId,
  endpointId,
  disabledReason,
  canSendTest,
}: {
  orgId: string;
  endpointId: string;
  disabledReason: string | null;
  canSendTest: boolean;
}) {
  const [range, setRange] = useState<HealthWindow>("24h");
  const query = useQuery({
    queryKey: queryKeys.endpointHealth(orgId, endpointId, range),
    queryFn: () => unwrap(() => webhookHealthAction(orgId, { endpointId, window: range })),
    refetchInterval: 60_000,
  });

  return (
    <SectionCard
      id="health"
      title="Health"
      description={`Delivery attempts to this endpoint over the last ${WINDOW_TEXT[range]}.`}
      actions={<Tabs label="Time window" value={range} onChange={setRange} options={WINDOWS} id={PANEL} />}
    >
      <div role="tabpanel" id={`${PANEL}-${range}`} aria-labelledby={`${PANEL}-tab-${range}`} aria-busy={query.isPending || undefined}>
        {query.isPending ? (
          <HealthSkeleton />
        ) : query.isError ? (
          <LoadFailed what="the endpoint's health" error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <HealthPanel data={query.data} disabledReason={disabledReason} canSendTest={canSendTest} />
        )}
      </div>
    </SectionCard>
  );
}

function HealthPanel({ data, disabledReason, canSendTest }: { data: EndpointHealthSeries; disabledReason: string | null; canSendTest: boolean }) {
  const { health, window: range } = data;
  const rate = range === "24h" ? health.success_rate_24h : health.success_rate_7d;
  const attempts = range === "24h" ? health.attempts_24h : health.attempts_7d;
  const state = HEALTH_STATE_LABELS[health.state];
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3 xl:grid-cols-6">
        <Figure label="Success rate">
          {rate === null ? (
            <span className="text-neutral-400">—</span>
          ) : (
            <Badge tone={rateTone(rate)} className="text-sm tabular-nums">
              {formatRate(rate)}
            </Badge>
          )}
        </Figure>
        <Figure label="Attempts" note={`last ${WINDOW_TEXT[range]}`}>
          <span className="tabular-nums">{formatCountExact(attempts)}</span>
        </Figure>
        <Figure label="Latency p50 / p95" note="last 24 hours, approximate">
          <span className="tabular-nums">
            {formatLatency(health.p50_ms)} / {formatLatency(health.p95_ms)}
          </span>
        </Figure>
        <Figure label="Last success">
          {health.last_success_at ? <RelativeTime date={health.last_success_at} /> : <span className="text-neutral-500">Never</span>}
        </Figure>
        <Figure label="Failing since">
          {health.failing_since ? (
            <span className="text-danger-700">
              <RelativeTime date={health.failing_since} />
            </span>
          ) : (
            <span className="text-neutral-500">Not failing</span>
          )}
        </Figure>
        <Figure label="State">
          <Badge tone={state.tone}>{state.label}</Badge>
          {health.state !== "active" && disabledReason && <span className="mt-1 block text-xs text-neutral-600">{disabledReason}</span>}
        </Figure>
      </dl>
      {attempts === 0 ? (
        <div className="rounded-tile border border-dashed border-neutral-300 px-4 py-8 text-center text-sm text-neutral-600">
          No attempts in the last {WINDOW_TEXT[range]}
          {canSendTest ? (
            <>
              {" — "}
              <a href="#test-event-title" className="font-medium text-brand-700 hover:underline">
                send a test event
              </a>
              .
            </>
          ) : (
            ". Developers, admins and owners can send a test event."
          )}
        </div>
      ) : (
        <HealthChart series={data.series} range={range} />
      )}
    </div>
  );
}

function Figure({ label, note, children }: { label: string; note?: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-neutral-500">{label}</dt>
      <dd className="mt-1 text-base font-semibold text-neutral-900">{children}</dd>
      {note && <dd className="text-xs text-neutral-500">{note}</dd>}
    </div>
  );
}

function HealthChart({ series, range }: { series: Point[]; range: HealthWindow }) {
  const points = series.map((p) => ({ ...p, label: axisLabel(p.start, range) }));
  const busiest = series.reduce((best, p) => (p.attempts > best.attempts ? p : best), series[0]);
  return (
    <figure className="space-y-2">
      <div className="flex flex-wrap items-center gap-4 text-xs text-neutral-600" aria-hidden>
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-success-500" /> Succeeded
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-danger-500" /> Failed
        </span>
        <span className="text-neutral-500">per {range === "24h" ? "hour" : "6 hours"}</span>
      </div>
      <div className="h-52 text-neutral-500">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} barCategoryGap="15%">
            <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
            <XAxis dataKey="label" tick={{ fill: "currentColor", fontSize: 11 }} tickLine={false} axisLine={false} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fill: "currentColor", fontSize: 11 }} tickLine={false} axisLine={false} width={36} />
            <Tooltip
              cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
              content={({ active, payload }) =>
                active && payload?.length ? <PointTooltip point={payload[0].payload as Point} range={range} /> : null
              }
            />
            <Bar dataKey="succeeded" name="Succeeded" stackId="attempts" className="text-success-500" fill="currentColor" isAnimationActive={false} />
            <Bar dataKey="failed" name="Failed" stackId="attempts" className="text-danger-500" fill="currentColor" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        Succeeded and failed attempts per {range === "24h" ? "hour" : "6 hours"} over the last {WINDOW_TEXT[range]}; the busiest
        interval, {intervalLabel(busiest.start, range)}, had {busiest.attempts} attempts.
      </figcaption>
    </figure>
  );
}

function PointTooltip({ point, range }: { point: Point; range: HealthWindow }) {
  return (
    <div className="rounded-control bg-white px-3 py-2 text-xs text-neutral-700 shadow-md ring-1 ring-neutral-200">
      <p className="font-medium text-neutral-900">{intervalLabel(point.start, range)}</p>
      {point.attempts === 0 ? (
        <p className="mt-1 text-neutral-500">No attempts</p>
      ) : (
        <dl className="mt-1 grid grid-cols-[auto_auto] gap-x-3 gap-y-0.5 tabular-nums">
          <dt className="text-success-700">Succeeded</dt>
          <dd className="text-right">{formatCountExact(point.succeeded)}</dd>
          <dt className="text-danger-700">Failed</dt>
          <dd className="text-right">{formatCountExact(point.failed)}</dd>
          <dt>Success rate</dt>
          <dd className="text-right">{point.success_rate === null ? "—" : formatRate(point.success_rate)}</dd>
          <dt>p50 / p95</dt>
          <dd className="text-right">
            {formatLatency(point.p50_ms)} / {formatLatency(point.p95_ms)}
          </dd>
        </dl>
      )}
    </div>
  );
}

function HealthSkeleton() {
  return (
    <div className="space-y-5" aria-label="Loading the endpoint's health">
      <div className="grid grid-cols-2 gap-6 sm:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="space-y-2">
            <SkeletonBar className="h-3 w-20" />
            <SkeletonBar className="h-5 w-16" />
          </div>
        ))}
      </div>
      <SkeletonBar className="h-52 w-full" />
    </div>
  );
}
