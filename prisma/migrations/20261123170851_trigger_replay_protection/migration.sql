-- Replay protection for triggers (docs/triggers.md): GitHub push/release bodies by SHA-256 (24 h),
-- and signatures of signed manual triggers (10 minutes).

-- CreateTable
CREATE TABLE "GithubPayload" (
    "projectId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "deliveryId" TEXT,
    "event" TEXT NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GithubPayload_pkey" PRIMARY KEY ("projectId","digest")
);

-- CreateTable
CREATE TABLE "TriggerSignature" (
    "projectId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "buildId" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TriggerSignature_pkey" PRIMARY KEY ("projectId","digest")
);

-- CreateIndex
CREATE INDEX "GithubPayload_createdAt_idx" ON "GithubPayload"("createdAt");

-- CreateIndex
CREATE INDEX "TriggerSignature_expiresAt_idx" ON "TriggerSignature"("expiresAt");
