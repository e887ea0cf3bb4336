-- The project's default build config besides platforms and formats (docs/triggers.md#build-defaults).
-- Existing projects get dev and no flags: the defaults builds already had.
-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "defaultFlags" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "defaultReleaseType" TEXT NOT NULL DEFAULT 'dev';
