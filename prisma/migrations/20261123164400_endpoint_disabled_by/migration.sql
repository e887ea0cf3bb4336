-- CreateEnum
CREATE TYPE "EndpointDisabledBy" AS ENUM ('user', 'system');

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "disabledBy" "EndpointDisabledBy";

-- Endpoints disabled before this column existed: the platform disabled those with a reason
-- other than the one the Active switch wrote; people disabled the rest.
UPDATE "Endpoint"
   SET "disabledBy" = CASE
         WHEN "disabledReason" IS NULL OR "disabledReason" = 'Disabled by a user.' THEN 'user'::"EndpointDisabledBy"
         ELSE 'system'::"EndpointDisabledBy"
       END
 WHERE "active" = false;
