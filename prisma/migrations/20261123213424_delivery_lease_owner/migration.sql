-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "leaseOwner" TEXT;
