-- CreateTable
CREATE TABLE "AttachmentPlay" (
    "id" UUID NOT NULL,
    "attachmentId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "playedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttachmentPlay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AttachmentPlay_userId_idx" ON "AttachmentPlay"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AttachmentPlay_attachmentId_userId_key" ON "AttachmentPlay"("attachmentId", "userId");

-- AddForeignKey
ALTER TABLE "AttachmentPlay" ADD CONSTRAINT "AttachmentPlay_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttachmentPlay" ADD CONSTRAINT "AttachmentPlay_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
