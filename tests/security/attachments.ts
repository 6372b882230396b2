// A sent attachment straight into the database and the attachments folder, as POST /api/attachments
// + a send leave it: a small PDF with a poster file (so the poster route has something to serve).
import fs from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { attachmentsDir } from "@/lib/chat/attachments/files";
import { tinyPng } from "./images";

export const TINY_PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

export async function writeSentAttachment(uploaderId: string, conversationId: string, messageId: string): Promise<string> {
  const key = crypto.randomUUID();
  const posterKey = `${key}-poster.jpg`;
  await fs.mkdir(attachmentsDir(), { recursive: true });
  await fs.writeFile(path.join(attachmentsDir(), key), TINY_PDF);
  await fs.writeFile(path.join(attachmentsDir(), posterKey), tinyPng());
  const row = await db.attachment.create({
    data: {
      uploaderId,
      conversationId,
      messageId,
      name: "fixture.pdf",
      size: TINY_PDF.length,
      mimeType: "application/pdf",
      kind: "file",
      storageKey: key,
      posterKey,
      sentAt: new Date(),
    },
    select: { id: true },
  });
  return row.id;
}
