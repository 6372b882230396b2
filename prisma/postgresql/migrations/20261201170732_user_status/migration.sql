-- AlterTable
ALTER TABLE "UserActivity" ADD COLUMN     "awaySince" TIMESTAMP(3),
ADD COLUMN     "status" TEXT;
