// Where an endpoint's requests go and what they carry: its URL and custom headers, stored
// encrypted (docs/security.md#secrets-at-rest). `url` and `headers` hold the masked forms
// anyone may see; `urlEncrypted` and `headersEncrypted` the real values. Rows written before
// encryption have both encrypted columns null and their real values in `url` and `headers`:
// they are read as such and rewritten in the encrypted form by their next URL or header change,
// or by `encryptLegacyEndpointSecrets()` at start-up.
import "server-only";
import { secretBox } from "@/lib/crypto";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { maskEndpointUrl, maskHeaders } from "./masking";

/** The real URL and custom header values of an endpoint. */
export interface EndpointTarget {
  url: string;
  headers: Record<string, string>;
}

/** The stored columns of a target. */
interface StoredTarget {
  url: string;
  urlEncrypted: string | null;
  headers: unknown;
  headersEncrypted: string | null;
}

/** The columns that store `target`: the real values encrypted, the masked ones in clear. */
export function sealEndpointTarget(target: EndpointTarget) {
  const box = secretBox();
  return {
    url: maskEndpointUrl(target.url),
    urlEncrypted: box.encrypt(target.url),
    headers: maskHeaders(target.headers),
    headersEncrypted: box.encrypt(JSON.stringify(target.headers)),
  };
}

/** The real URL and header values of a stored endpoint (decrypted; a legacy row's plaintext columns). */
export function openEndpointTarget(row: StoredTarget): EndpointTarget {
  const box = secretBox();
  return {
    url: row.urlEncrypted === null ? row.url : box.decrypt(row.urlEncrypted),
    headers: row.headersEncrypted === null ? (row.headers as Record<string, string>) : (JSON.parse(box.decrypt(row.headersEncrypted)) as Record<string, string>),
  };
}

/**
 * Encrypts the URL and custom headers of every endpoint still stored in clear (written before
 * encryption at rest). Idempotent and safe to run on several instances at once: a row is
 * rewritten only while it is still in the legacy form. Keeps `updatedAt`. Returns how many
 * endpoints it rewrote. Call it once at start-up, after the migrations.
 */
export async function encryptLegacyEndpointSecrets(db: Db, batchSize = 200): Promise<number> {
  let rewritten = 0;
  let after = "";
  for (;;) {
    const rows = await db.endpoint.findMany({
      where: { id: { gt: after }, OR: [{ urlEncrypted: null }, { headersEncrypted: null }] },
      select: { id: true, url: true, urlEncrypted: true, headers: true, headersEncrypted: true, updatedAt: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    for (const row of rows) {
      const { count } = await db.endpoint.updateMany({
        // Only while still exactly as read: a change made meanwhile is not overwritten.
        where: {
          id: row.id,
          url: row.url,
          urlEncrypted: row.urlEncrypted,
          headers: { equals: row.headers as Prisma.InputJsonValue },
          headersEncrypted: row.headersEncrypted,
        },
        data: { ...sealEndpointTarget(openEndpointTarget(row)), updatedAt: row.updatedAt },
      });
      rewritten += count;
    }
    if (rows.length < batchSize) return rewritten;
    after = rows[rows.length - 1].id;
  }
}
