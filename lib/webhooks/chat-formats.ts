// Payload formats for chat tools (docs/delivery.md#payload-formats): an endpoint whose format is "slack" or "discord"
// receives a message those services render, instead of the JSON envelope. The request is
// still signed like any other.
import type { EnvelopeSource } from "./envelope";

type Tone = "success" | "failure" | "info";
type Summary = { title: string; lines: string[]; tone: Tone };

type Build = {
  number?: number;
  status?: string;
  branch?: string | null;
  commit_sha?: string | null;
  duration_seconds?: number | null;
  artifacts?: { platform: string; format: string; file_name: string; download_url: string }[];
  error_message?: string | null;
  failed_at_step?: string | null;
};
type Data = {
  build?: Build;
  project?: { name?: string };
  deployment?: { environment?: string; status?: string; url?: string | null; error_message?: string | null };
  domain?: { hostname?: string };
  endpoint?: { name?: string; disabled_reason?: string };
  message?: string;
};

function duration(seconds: number | null | undefined): string | null {
  if (!seconds && seconds !== 0) return null;
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m ${seconds % 60}s` : `${seconds}s`;
}

/** What an event says, in a sentence and a few lines, for people. */
export function summarizeEvent(type: string, data: Data): Summary {
  const project = data.project?.name ?? "A project";
  const b = data.build;
  if (b) {
    const where = [b.branch, b.commit_sha?.slice(0, 7)].filter(Boolean).join(" · ");
    const head = `${project} build #${b.number ?? "?"}${where ? ` (${where})` : ""}`;
    const took = duration(b.duration_seconds);
    switch (type) {
      case "build.succeeded":
        return {
          title: `${head} succeeded${took ? ` in ${took}` : ""}`,
          lines: (b.artifacts ?? []).map((a) => `${a.platform} ${a.format}: ${a.file_name}`),
          tone: "success",
        };
      case "build.failed":
        return {
          title: `${head} failed${b.failed_at_step ? ` at ${b.failed_at_step}` : ""}`,
          lines: b.error_message ? [b.error_message] : [],
          tone: "failure",
        };
      default:
        return { title: `${head} ${type.split(".")[1]}`, lines: [], tone: "info" };
    }
  }
  if (data.deployment) {
    const d = data.deployment;
    const tone: Tone = type === "deployment.succeeded" ? "success" : type === "deployment.failed" ? "failure" : "info";
    return {
      title: `${project} deployment to ${d.environment ?? "an environment"} ${type.split(".")[1]}`,
      lines: [d.url, d.error_message].filter((x): x is string => Boolean(x)),
      tone,
    };
  }
  if (data.domain) return { title: `${project}: domain ${data.domain.hostname} added`, lines: [], tone: "info" };
  if (data.endpoint && type === "endpoint.disabled") {
    return { title: `Endpoint ${data.endpoint.name} was disabled`, lines: [data.endpoint.disabled_reason ?? ""].filter(Boolean), tone: "failure" };
  }
  if (type.startsWith("project.")) return { title: `Project ${project} ${type.split(".")[1]}`, lines: [], tone: "info" };
  if (type === "webhook.test") return { title: "Test event from Control Center", lines: [data.message ?? ""].filter(Boolean), tone: "info" };
  return { title: `${project}: ${type}`, lines: [], tone: "info" };
}

const SLACK_EMOJI: Record<Tone, string> = { success: ":white_check_mark:", failure: ":x:", info: ":information_source:" };
const DISCORD_COLOR: Record<Tone, number> = { success: 0x2eb67d, failure: 0xe01e5a, info: 0x3b6cf6 };

export function slackBody(message: EnvelopeSource): string {
  const s = summarizeEvent(message.type, message.payload as Data);
  const text = `${SLACK_EMOJI[s.tone]} ${s.title}`;
  return JSON.stringify({
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: [text, ...s.lines.map((l) => `• ${l}`)].join("\n") } },
      { type: "context", elements: [{ type: "mrkdwn", text: `\`${message.type}\` · ${message.id}` }] },
    ],
  });
}

export function discordBody(message: EnvelopeSource): string {
  const s = summarizeEvent(message.type, message.payload as Data);
  return JSON.stringify({
    embeds: [
      {
        title: s.title.slice(0, 256),
        description: s.lines.join("\n").slice(0, 4000) || undefined,
        color: DISCORD_COLOR[s.tone],
        timestamp: message.createdAt.toISOString(),
        footer: { text: `${message.type} · ${message.id}` },
      },
    ],
  });
}
