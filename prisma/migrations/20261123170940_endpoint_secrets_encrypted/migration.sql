-- Endpoint URLs and custom header values encrypted at rest (docs/security.md#secrets-at-rest).
-- Encrypting needs the app's key, so no SQL can fill these: rows keep their plaintext `url` and
-- `headers` (read as such while these are null) until the next update of the endpoint or
-- `encryptLegacyEndpointSecrets()` at start-up rewrites them in the encrypted form.

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "headersEncrypted" TEXT,
ADD COLUMN     "urlEncrypted" TEXT;
