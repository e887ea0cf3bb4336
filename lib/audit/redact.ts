// The audit log's last line of defence against secrets (docs/security.md#audit-log): callers
// record names, masked URLs and counts, never secret values; should one slip into metadata
// anyway, it is stored redacted. Anything that looks like one of our secrets (whsec_…, cc_live_…,
// trg_…) is replaced, and so are string values under a key naming a secret.

import { isSecretName } from "@/lib/crypto/secret-names";

const SECRET_VALUE = /(?:whsec_|cc_live_|trg_)[A-Za-z0-9+/=_-]*/g;
const REDACTED = "[redacted]";

/** `value` with every secret-looking string redacted (a copy; the input is not changed). */
export function redactSecrets(value: unknown, key?: string): unknown {
  if (typeof value === "string") {
    if (key !== undefined && isSecretName(key)) return REDACTED;
    return value.replace(SECRET_VALUE, REDACTED);
  }
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v, k)]));
  }
  return value;
}
