-- Body-only trigger signatures, opt-in per project (docs/triggers.md#body-signatures): off for
-- every project until an admin turns them on.

-- AlterTable
ALTER TABLE "Project" ADD COLUMN "triggerBodySignature" BOOLEAN NOT NULL DEFAULT false;
