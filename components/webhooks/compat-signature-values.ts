// What the endpoint form's "Compatibility signature" group edits (docs/delivery.md#compatibility-signatures):
// none, or one scheme in a header the endpoint names (empty: the operator's prefix + "Signature").
import type { CompatScheme, WebhookResource } from "@/lib/webhooks/schemas";

export type CompatChoice = CompatScheme | "none";
export type CompatDraft = { scheme: CompatChoice; header: string };
/** The API's `compat_signature` in a request. */
export type CompatSignatureValue = { scheme: CompatScheme; header: string | null } | null;

export const COMPAT_FIELDS = { scheme: "compat_signature.scheme", header: "compat_signature.header", group: "compat_signature" } as const;

export const COMPAT_LABELS: Record<CompatChoice, string> = {
  none: "None",
  timestamped: "Timestamped HMAC",
  "body-sha256": "sha256= body HMAC",
  "body-hex": "Hex body HMAC",
};

export const defaultSignatureHeader = (headerPrefix: string) => `${headerPrefix}Signature`;

/** The form's draft of a saved signature: a header equal to the default shows as empty (the default). */
export function compatDraft(saved: WebhookResource["compat_signature"] | undefined, headerPrefix: string): CompatDraft {
  // A new endpoint starts with the platform's default: timestamped, in the default header.
  if (saved === undefined) return { scheme: "timestamped", header: "" };
  if (saved === null) return { scheme: "none", header: "" };
  return { scheme: saved.scheme, header: saved.header === defaultSignatureHeader(headerPrefix) ? "" : saved.header };
}

export function compatFromDraft(draft: CompatDraft): CompatSignatureValue {
  if (draft.scheme === "none") return null;
  return { scheme: draft.scheme, header: draft.header.trim() || null };
}

/** The header the signature goes in: the one typed, or the default. */
export function signatureHeaderOf(draft: CompatDraft, headerPrefix: string): string {
  return draft.header.trim() || defaultSignatureHeader(headerPrefix);
}

/** The draft as the resource would show it once saved (header resolved). */
export function resolvedCompat(draft: CompatDraft, headerPrefix: string): WebhookResource["compat_signature"] {
  return draft.scheme === "none" ? null : { scheme: draft.scheme, header: signatureHeaderOf(draft, headerPrefix) };
}

/** Whether the draft says something other than the saved signature (headers compared resolved). */
export function compatChanged(saved: WebhookResource["compat_signature"], next: CompatSignatureValue, headerPrefix: string): boolean {
  if (saved === null || next === null) return saved !== next;
  return saved.scheme !== next.scheme || saved.header !== (next.header ?? defaultSignatureHeader(headerPrefix));
}

export function compatSummary(signature: WebhookResource["compat_signature"]): string {
  return signature ? `${COMPAT_LABELS[signature.scheme]} in ${signature.header}` : "None (Standard Webhooks only)";
}
