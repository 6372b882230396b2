// Test images for chat specs (made with sharp, so no binary fixtures live in the repo).
import sharp from "sharp";

export async function testImage(name = "photo.png", color = "#0ea5e9"): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const buffer = await sharp({ create: { width: 320, height: 200, channels: 3, background: color } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="320" height="200"><circle cx="160" cy="100" r="60" fill="#fde047"/><rect x="30" y="150" width="260" height="20" fill="#0f172a"/></svg>`,
        ),
      },
    ])
    .png()
    .toBuffer();
  return { name, mimeType: "image/png", buffer };
}
