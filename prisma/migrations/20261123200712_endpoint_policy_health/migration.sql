-- CreateEnum
CREATE TYPE "CompatSignatureScheme" AS ENUM ('timestamped', 'body_sha256', 'body_hex');

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "compatHeader" TEXT,
ADD COLUMN     "compatScheme" "CompatSignatureScheme" DEFAULT 'timestamped';

-- AlterTable
ALTER TABLE "Inbox" ADD COLUMN     "url" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "EndpointHealthBucket" (
    "endpointId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "latency" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "EndpointHealthBucket_pkey" PRIMARY KEY ("endpointId","hour")
);

-- CreateIndex
CREATE INDEX "EndpointHealthBucket_hour_idx" ON "EndpointHealthBucket"("hour");

-- CreateIndex
CREATE INDEX "Delivery_endpointId_status_nextAttemptAt_idx" ON "Delivery"("endpointId", "status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_endpointId_status_createdAt_idx" ON "Delivery"("endpointId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_endpointId_leaseUntil_idx" ON "Delivery"("endpointId", "leaseUntil");

-- AddForeignKey
ALTER TABLE "EndpointHealthBucket" ADD CONSTRAINT "EndpointHealthBucket_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill the last 8 days of health from the attempt log. Latency buckets: attempts with
-- durationMs below 10, then in [10, 15), [15, 25) … [15000, 30000), then 30000 and over; the
-- bounds are LATENCY_BOUNDS_MS in lib/webhooks/health.ts.
WITH per_bucket AS (
  SELECT "endpointId" AS endpoint, date_trunc('hour', "sentAt") AS hour,
         width_bucket("durationMs", ARRAY[10,15,25,40,60,100,150,250,400,600,1000,1500,2500,4000,6000,10000,15000,30000]::int[]) AS bucket,
         count(*)::int AS attempts,
         (count(*) FILTER (WHERE "responseStatus" BETWEEN 200 AND 299))::int AS succeeded
    FROM "DeliveryAttempt"
   WHERE "sentAt" > now() - interval '8 days'
   GROUP BY 1, 2, 3
)
INSERT INTO "EndpointHealthBucket" ("endpointId", "hour", "attempts", "succeeded", "latency")
SELECT p.endpoint, p.hour, sum(p.attempts)::int, sum(p.succeeded)::int,
       ARRAY(SELECT coalesce((SELECT q.attempts FROM per_bucket q WHERE q.endpoint = p.endpoint AND q.hour = p.hour AND q.bucket = g), 0)
               FROM generate_series(0, 18) AS g ORDER BY g)
  FROM per_bucket p
 WHERE EXISTS (SELECT 1 FROM "Endpoint" e WHERE e.id = p.endpoint)
 GROUP BY p.endpoint, p.hour;
