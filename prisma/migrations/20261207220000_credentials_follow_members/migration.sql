-- Credentials follow the person (docs/security.md): sessions carry the user's session version,
-- every API key and invitation names the member whose authority it carries.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "inviterUserId" TEXT;

-- Keys made by the system (the demo key) belong to the organization's first owner.
UPDATE "ApiKey" AS k SET "createdById" = (
  SELECT m."userId" FROM "Membership" AS m
  WHERE m."organizationId" = k."organizationId" AND m."role" = 'owner'
  ORDER BY m."createdAt", m."id" LIMIT 1
) WHERE k."createdById" IS NULL;

-- A key whose creator no longer exists acts for nobody: revoked.
UPDATE "ApiKey" AS k SET "createdById" = NULL, "revokedAt" = COALESCE(k."revokedAt", CURRENT_TIMESTAMP)
WHERE k."createdById" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "User" AS u WHERE u."id" = k."createdById");

-- An invitation made by a user names that user; one made with an API key, the key's creator.
UPDATE "Invitation" AS i SET "inviterUserId" = COALESCE(
  (SELECT u."id" FROM "User" AS u WHERE u."id" = i."invitedById"),
  (SELECT k."createdById" FROM "ApiKey" AS k WHERE k."id" = i."invitedById")
);

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_createdById_idx" ON "ApiKey"("organizationId", "createdById");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
