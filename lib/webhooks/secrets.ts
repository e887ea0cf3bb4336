// Endpoint signing secrets (docs/delivery.md#signing, docs/security.md#secrets-at-rest): stored encrypted, revealed (audited), rotated with an
// overlap during which the old secret keeps signing alongside the new one.
import "server-only";
import { recordAudit, type Actor } from "@/lib/audit";
import { secretBox } from "@/lib/crypto";
import { jsonColumn, newId, type Db, type Tx } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { SecretResource } from "./schemas";
import { generateSigningSecret } from "./sign";

type SecretRow = { secretEncrypted: string; expiresAt: Date | null; createdAt: Date };

export async function addSecret(tx: Tx, endpointId: string, secret = generateSigningSecret()) {
  await tx.endpointSecret.create({
    data: { id: newId("whsec"), endpointId, secretEncrypted: secretBox().encrypt(secret) },
  });
  return secret;
}

async function liveSecretRows(tx: Tx, endpointId: string, now: Date): Promise<SecretRow[]> {
  return tx.endpointSecret.findMany({
    where: { endpointId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
  });
}


/**
 * SQL: the secrets that sign at `$now` for the endpoint whose id is `endpointIdColumn`, current
 * first, as a JSON array of ciphertexts (signingSecretsOf opens them), for a query that loads
 * endpoints anyway.
 */
export function signingSecretsColumn(endpointIdColumn: string, nowParam: string): string {
  return `(SELECT coalesce(json_agg(s."secretEncrypted" ORDER BY s."createdAt" DESC), '[]'::json) FROM "EndpointSecret" s
            WHERE s."endpointId" = ${endpointIdColumn} AND (s."expiresAt" IS NULL OR s."expiresAt" > ${nowParam}::timestamp(3)))`;
}

/** The secrets of a signingSecretsColumn value, decrypted. */
export function signingSecretsOf(column: unknown): string[] {
  const box = secretBox();
  return jsonColumn<string[]>(column).map((secret) => box.decrypt(secret));
}

/** The secrets that sign now for each endpoint, current first, in one query for a batch. */
export async function signingSecretsByEndpoint(tx: Tx, endpointIds: string[], now = new Date()): Promise<Map<string, string[]>> {
  const rows = await tx.endpointSecret.findMany({
    where: { endpointId: { in: endpointIds }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
    select: { endpointId: true, secretEncrypted: true },
  });
  const box = secretBox();
  const secrets = new Map<string, string[]>();
  for (const row of rows) {
    const list = secrets.get(row.endpointId) ?? [];
    list.push(box.decrypt(row.secretEncrypted));
    secrets.set(row.endpointId, list);
  }
  return secrets;
}

async function assertEndpointOfOrg(db: Db, orgId: string, endpointId: string) {
  const found = await db.endpoint.findFirst({ where: { id: endpointId, organizationId: orgId }, select: { id: true } });
  if (!found) throw new NotFoundError("Webhook endpoint", endpointId);
}

function toSecretResource(rows: SecretRow[]): SecretResource {
  const box = secretBox();
  const current = rows.find((r) => r.expiresAt === null) ?? rows[0];
  return {
    secret: box.decrypt(current.secretEncrypted),
    previous_secrets: rows
      .filter((r) => r !== current)
      .map((r) => ({ secret: box.decrypt(r.secretEncrypted), expires_at: r.expiresAt!.toISOString() })),
  };
}

/** Reveals the current and still-signing previous secrets. Audited. */
export async function revealSecret(db: Db, orgId: string, endpointId: string, actor: Actor): Promise<SecretResource> {
  await assertEndpointOfOrg(db, orgId, endpointId);
  const rows = await liveSecretRows(db, endpointId, new Date());
  await recordAudit(db, orgId, actor, "endpoint.secret_revealed", { type: "endpoint", id: endpointId });
  return toSecretResource(rows);
}

/** A new secret signs at once; the old one(s) keep signing for `overlapSeconds`. Audited. */
export async function rotateSecret(db: Db, orgId: string, endpointId: string, overlapSeconds: number, actor: Actor) {
  await assertEndpointOfOrg(db, orgId, endpointId);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + overlapSeconds * 1000);
  const rows = await db.$transaction(async (tx) => {
    // The current secret signs until `expiresAt`; older ones retiring later are cut to it too,
    // so a rotation without overlap (after a leak, say) leaves only the new secret signing.
    await tx.endpointSecret.updateMany({ where: { endpointId, expiresAt: null }, data: { expiresAt } });
    await tx.endpointSecret.updateMany({ where: { endpointId, expiresAt: { gt: expiresAt } }, data: { expiresAt } });
    await addSecret(tx, endpointId);
    return liveSecretRows(tx, endpointId, now);
  });
  await recordAudit(db, orgId, actor, "endpoint.secret_rotated", { type: "endpoint", id: endpointId }, {
    overlap_seconds: overlapSeconds,
  });
  return toSecretResource(rows);
}
