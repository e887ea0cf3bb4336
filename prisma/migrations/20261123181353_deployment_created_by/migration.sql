-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "createdBy" TEXT;

-- CreateIndex
CREATE INDEX "Deployment_projectId_id_idx" ON "Deployment"("projectId", "id");

-- CreateIndex
CREATE INDEX "Deployment_status_createdAt_idx" ON "Deployment"("status", "createdAt");

-- Backfill: who created the existing deployments, from the audit log.
UPDATE "Deployment" AS d
   SET "createdBy" = a."actorLabel"
  FROM "AuditLog" AS a
 WHERE a."action" = 'deployment.created'
   AND a."targetType" = 'deployment'
   AND a."targetId" = d."id"
   AND a."organizationId" = d."organizationId";
