import { Badge } from "@/components/ui/badge";
import type { EndpointHealth } from "@/lib/webhooks/schemas";
import { formatCount, formatCountExact, formatRate, rateTone } from "./health-format";

/** The endpoint list's health cell: the last 24 hours' success rate and attempts ("99.2% · 1.2k"). */
export function HealthBadge({ health }: { health: EndpointHealth | undefined }) {
  if (!health) return <span className="text-neutral-400">—</span>;
  if (health.attempts_24h === 0 || health.success_rate_24h === null) {
    return (
      <span title="No delivery attempts in the last 24 hours.">
        <Badge tone="neutral">No traffic</Badge>
      </span>
    );
  }
  const rate = formatRate(health.success_rate_24h);
  const summary = `Last 24 hours: ${rate} of ${formatCountExact(health.attempts_24h)} attempts succeeded.`;
  return (
    <span title={summary}>
      <Badge tone={rateTone(health.success_rate_24h)} className="tabular-nums">
        <span aria-hidden>
          {rate} · {formatCount(health.attempts_24h)}
        </span>
        <span className="sr-only">{summary}</span>
      </Badge>
    </span>
  );
}
