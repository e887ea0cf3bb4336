-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "requestedAt" TIMESTAMP(3);
