-- AlterTable
ALTER TABLE "UserTwoFactor" ADD COLUMN     "askAfterOAuth" BOOLEAN;
