-- DropIndex
DROP INDEX "Delivery_endpointId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Delivery_organizationId_id_idx" ON "Delivery"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Delivery_endpointId_id_idx" ON "Delivery"("endpointId", "id");
