-- DropIndex
DROP INDEX "AuditLog_organizationId_createdAt_idx";

-- AlterTable: the action's first word, backfilled for the rows written before it existed.
ALTER TABLE "AuditLog" ADD COLUMN     "actionGroup" TEXT;
UPDATE "AuditLog" SET "actionGroup" = split_part("action", '.', 1);
ALTER TABLE "AuditLog" ALTER COLUMN "actionGroup" SET NOT NULL;

-- CreateIndex
CREATE INDEX "AuditLog_organizationId_id_idx" ON "AuditLog"("organizationId", "id");

-- CreateIndex
CREATE INDEX "AuditLog_organizationId_actorId_id_idx" ON "AuditLog"("organizationId", "actorId", "id");

-- CreateIndex
CREATE INDEX "AuditLog_organizationId_targetId_id_idx" ON "AuditLog"("organizationId", "targetId", "id");

-- CreateIndex
CREATE INDEX "AuditLog_organizationId_action_id_idx" ON "AuditLog"("organizationId", "action", "id");

-- CreateIndex
CREATE INDEX "AuditLog_organizationId_actionGroup_id_idx" ON "AuditLog"("organizationId", "actionGroup", "id");
