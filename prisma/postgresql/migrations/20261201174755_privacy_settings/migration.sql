-- CreateTable
CREATE TABLE "PrivacySetting" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "lastSeen" TEXT NOT NULL DEFAULT 'everyone',
    "photo" TEXT NOT NULL DEFAULT 'everyone',
    "about" TEXT NOT NULL DEFAULT 'everyone',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacySetting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PrivacySetting_userId_key" ON "PrivacySetting"("userId");

-- AddForeignKey
ALTER TABLE "PrivacySetting" ADD CONSTRAINT "PrivacySetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
