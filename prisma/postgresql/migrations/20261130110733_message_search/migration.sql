-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "searchText" TEXT;

-- Backfill (written by hand): existing messages get the folded body the send path writes
-- (lib/chat/search/normalize.ts). SQL has no NFKD here, so the common Latin accents are folded by
-- translate(); a message with rarer marks is found by its exact letters.
UPDATE "Message" SET "searchText" = lower(translate("body", 'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿ', 'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYyy')) WHERE "body" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Message_searchText_idx" ON "Message" USING GIN ("searchText" gin_trgm_ops);
