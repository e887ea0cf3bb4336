// The request body an endpoint receives: the JSON envelope, or a chat message for endpoints
// in the Slack or Discord format (docs/delivery.md#payload-formats).
import { discordBody, slackBody } from "./chat-formats";
import { envelopeBody, type EnvelopeSource } from "./envelope";

export function payloadBody(format: "standard" | "slack" | "discord", message: EnvelopeSource): string {
  if (format === "slack") return slackBody(message);
  if (format === "discord") return discordBody(message);
  return envelopeBody(message);
}

export type { EnvelopeSource };
