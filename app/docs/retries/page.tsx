import Link from "next/link";
import { CodeSample } from "@/components/docs/code-sample";
import { formatJson } from "@/components/docs/format-json";
import { Callout, DocsArticle, DocsSection, DocsSubheading } from "@/components/docs/prose";
import { Table, Td } from "@/components/ui/table";
import { config } from "@/lib/config";
import { DEFAULT_RETRY_SCHEDULE_SECONDS, REPLAYS_PER_MINUTE, RESENDS_PER_MINUTE } from "@/lib/delivery";
import { DEFAULT_TIMEOUT_MS } from "@/lib/delivery/sender";
import { AUTO_DISABLE_AFTER_MS, MAX_RATE_PER_SECOND, MAX_RETRY_SCHEDULE_SECONDS, MAX_RETRY_STEPS } from "@/lib/webhooks";

export const metadata = { title: "Retries and delivery policy" };

/** "5 s", "30 min", "27 h 35 min 5 s", "7 d" (days only for whole days). */
function duration(totalSeconds: number): string {
  const parts: string[] = [];
  const days = totalSeconds % 86_400 === 0 ? totalSeconds / 86_400 : 0;
  const hours = Math.floor((totalSeconds - days * 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (seconds || parts.length === 0) parts.push(`${seconds} s`);
  return parts.join(" ");
}

const POLICY_EXAMPLE = formatJson({ policy: { retry_schedule_seconds: [10, 60, 600, 3600], timeout_ms: 5000, max_rate_per_second: 20, ordered: true } });

export default function RetriesDocsPage() {
  const schedule = [0, ...DEFAULT_RETRY_SCHEDULE_SECONDS];
  let elapsed = 0;
  const rows = schedule.map((delay, index) => {
    elapsed += delay;
    return { attempt: index + 1, delay, elapsed };
  });
  const autoDisableDays = AUTO_DISABLE_AFTER_MS / 86_400_000;

  return (
    <DocsArticle
      href="/docs/retries"
      title="Retries and delivery policy"
      lead={
        <>
          A delivery is attempted until your endpoint answers <code>2xx</code> or the retries run out. Each endpoint can bring its own schedule,
          timeout, rate and ordering.
        </>
      }
    >
      <DocsSection id="schedule" title="The default schedule">
        <p>
          The first attempt is made as soon as the event happens. When it fails (any status other than <code>2xx</code>, a timeout, a refused or
          reset connection, a TLS or DNS error), the delivery is retried after {DEFAULT_RETRY_SCHEDULE_SECONDS.map(duration).join(", ")}:
        </p>
        <div className="mt-4">
          <Table label="Default retry schedule" columns={["Attempt", "Waits before it", "Time since the event"]}>
            {rows.map((row) => (
              <tr key={row.attempt}>
                <Td className="font-mono text-xs text-neutral-900">{row.attempt}</Td>
                <Td>{row.attempt === 1 ? "at once" : duration(row.delay)}</Td>
                <Td>{duration(row.elapsed)}</Td>
              </tr>
            ))}
          </Table>
        </div>
        <p>
          That is {rows.length} attempts over {duration(elapsed)}; then the delivery is <strong>failed</strong>. Retries stop earlier when your
          endpoint answers <code>2xx</code> (succeeded), <code>410 Gone</code> (failed, and the endpoint is disabled) or any other status with{" "}
          <code>webhook-delivery: abort</code> (failed); see <Link href="/docs/webhooks#retries">Receiving webhooks</Link>.
        </p>
        <DocsSubheading id="retry-after">Retry-After</DocsSubheading>
        <p>
          On a <code>429</code> or <code>503</code>, a <code>Retry-After</code> header (seconds or an HTTP date) is honoured when it asks for a longer
          wait than the current step, up to the step after it. After the first failure, for example, <code>Retry-After: 120</code> waits 120 s
          instead of 5 s, and <code>Retry-After: 3600</code> waits 5 min, the next step. On the last step it has no effect.
        </p>
      </DocsSection>

      <DocsSection id="policy" title="Per-endpoint delivery policy">
        <p>
          Each endpoint may override the defaults, in its settings in the dashboard or with the <code>policy</code> object of{" "}
          <code>POST /api/v1/webhooks</code> and <code>PATCH /api/v1/webhooks/{"{id}"}</code>. Fields you leave out keep their value; <code>null</code>{" "}
          restores a field&apos;s default.
        </p>
        <div className="mt-4">
          <Table label="Delivery policy fields" columns={["Field", "Default", "Meaning and limits"]}>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">retry_schedule_seconds</Td>
              <Td>the schedule above</Td>
              <Td>
                Seconds to wait before each retry: at most {MAX_RETRY_STEPS} steps, adding up to at most{" "}
                {duration(MAX_RETRY_SCHEDULE_SECONDS)}.
              </Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">timeout_ms</Td>
              <Td>{DEFAULT_TIMEOUT_MS}</Td>
              <Td>How long one attempt may take, connecting and answering: 1000 to 30000 ms.</Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">max_rate_per_second</Td>
              <Td>no limit</Td>
              <Td>
                At most this many attempts started per second (1 to {MAX_RATE_PER_SECOND}). Deliveries over the rate wait their turn; none is
                dropped.
              </Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">ordered</Td>
              <Td>false</Td>
              <Td>Deliver one message at a time, oldest first (see below).</Td>
            </tr>
          </Table>
        </div>
        <CodeSample title="PATCH /api/v1/webhooks/{id}" code={POLICY_EXAMPLE} />
        <DocsSubheading id="ordered">Ordered delivery</DocsSubheading>
        <p>
          By default an endpoint receives several deliveries at once and a retry can arrive after a newer event. An <strong>ordered</strong>{" "}
          endpoint gets its events first in, first out: the next message waits until the previous one has succeeded or failed for good (its retries
          exhausted, or stopped by <code>410</code> or <code>webhook-delivery: abort</code>). One slow or failing event therefore holds back the
          others, for as long as its retry schedule lasts: pair ordering with a short schedule. A manual resend is sent at once, outside the order.
        </p>
      </DocsSection>

      <DocsSection id="auto-disable" title="When an endpoint keeps failing">
        <ul>
          <li>
            <code>410 Gone</code> disables the endpoint at once.
          </li>
          <li>
            After <strong>{autoDisableDays} days</strong> in which every attempt failed, the endpoint is disabled automatically. The organization&apos;s
            other endpoints receive <Link href="/docs/events#endpoint.disabled">endpoint.disabled</Link>, and the dashboard shows a banner.
          </li>
          <li>
            A disabled endpoint gets no new deliveries, and the ones still pending wait. Enable it again (its page, or <code>PATCH</code> with{" "}
            <code>{`{ "active": true }`}</code>) and they go out.
          </li>
        </ul>
      </DocsSection>

      <DocsSection id="recover-replay" title="Resend, recover and replay">
        <p>
          All three send the stored event again with the same <code>webhook-id</code> and body, a new timestamp and fresh signatures. They are in the
          dashboard&apos;s delivery log and endpoint pages, and in the API (API keys need <code>deliveries:write</code>):
        </p>
        <div className="mt-4">
          <Table label="Sending events again" columns={["Action", "API", "What it does"]}>
            <tr>
              <Td>Resend</Td>
              <Td className="font-mono text-xs whitespace-nowrap">POST /deliveries/{"{id}"}/resend</Td>
              <Td>Attempts one delivery now, whatever its status. At most {RESENDS_PER_MINUTE} per minute per organization.</Td>
            </tr>
            <tr>
              <Td>Recover</Td>
              <Td className="font-mono text-xs whitespace-nowrap">POST /webhooks/{"{id}"}/recover</Td>
              <Td>
                Sends again every failed delivery of an endpoint since a time (<code>{`{ "since", "until"? }`}</code>), for example after an outage.
              </Td>
            </tr>
            <tr>
              <Td>Replay</Td>
              <Td className="font-mono text-xs whitespace-nowrap">POST /events/{"{id}"}/replay</Td>
              <Td>
                Sends one event to one endpoint (<code>{`{ "webhook_id" }`}</code>), even one not subscribed to it. At most {REPLAYS_PER_MINUTE} per
                minute per organization.
              </Td>
            </tr>
          </Table>
        </div>
        <Callout title="How long the log is kept">
          The delivery log keeps {config().deliveryRetentionDays} days (<code>DELIVERY_RETENTION_DAYS</code>); pending deliveries are never pruned.
          Recover and replay need the event to still be there.
        </Callout>
      </DocsSection>
    </DocsArticle>
  );
}
