// The wire envelope of every event: { id, type, timestamp, data }, snake_case
// (docs/delivery.md#events-and-messages).

/** What a body is built from: a stored message. */
export interface EnvelopeSource {
  id: string;
  type: string;
  createdAt: Date;
  payload: unknown;
}

export function envelopeBody(message: EnvelopeSource): string {
  return JSON.stringify({ id: message.id, type: message.type, timestamp: message.createdAt.toISOString(), data: message.payload });
}
