// The wire envelope (§3.2): { id, type, timestamp, data } in snake_case, or a chat message
// for endpoints in the Slack or Discord format.
import { discordBody, slackBody } from "./chat-formats";

export interface EnvelopeSource {
  id: string;
  type: string;
  createdAt: Date;
  payload: unknown;
}

export function envelopeBody(message: EnvelopeSource): string {
  return JSON.stringify({ id: message.id, type: message.type, timestamp: message.createdAt.toISOString(), data: message.payload });
}

/** The request body an endpoint of `format` receives for `message`. */
export function payloadBody(format: "standard" | "slack" | "discord", message: EnvelopeSource): string {
  if (format === "slack") return slackBody(message);
  if (format === "discord") return discordBody(message);
  return envelopeBody(message);
}
