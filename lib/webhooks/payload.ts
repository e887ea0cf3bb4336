// The wire envelope (§3.2): { id, type, timestamp, data } in snake_case.
export interface EnvelopeSource {
  id: string;
  type: string;
  createdAt: Date;
  payload: unknown;
}

export function envelopeBody(message: EnvelopeSource): string {
  return JSON.stringify({ id: message.id, type: message.type, timestamp: message.createdAt.toISOString(), data: message.payload });
}
