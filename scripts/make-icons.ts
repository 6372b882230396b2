// Draws Parley's mark (two speech bubbles on the accent colour, as on the landing page) and writes
// the favicon and app icons to public/. Run once after changing the design: `npx tsx scripts/make-icons.ts`.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

// Accent colours from app/globals.css: Tailwind's sky-500, Parley's darker sky-600, sky-700.
const SKY_500 = "#00a6f4";
const SKY_600 = "#0075c1";
const SKY_700 = "#0069a8";

/** The mark on a 512×512 canvas; `corner` is the background's corner radius (0 for full-bleed icons). */
function markSvg(corner: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <title>Parley</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${SKY_500}"/>
      <stop offset="1" stop-color="${SKY_700}"/>
    </linearGradient>
  </defs>
  <rect width="512" height="512" rx="${corner}" fill="url(#bg)"/>
  <g transform="translate(0 -14)">
    <path fill="#fff" fill-opacity="0.55" d="M246 104h150a46 46 0 0 1 46 46v88a46 46 0 0 1-46 46h-4l4 54-62-54h-88a46 46 0 0 1-46-46v-88a46 46 0 0 1 46-46z"/>
    <path fill="#fff" d="M124 182h186a52 52 0 0 1 52 52v100a52 52 0 0 1-52 52H190l-74 58 8-58a52 52 0 0 1-52-52V234a52 52 0 0 1 52-52z"/>
    <g fill="${SKY_600}">
      <circle cx="157" cy="284" r="22"/>
      <circle cx="217" cy="284" r="22"/>
      <circle cx="277" cy="284" r="22"/>
    </g>
  </g>
</svg>
`;
}

/** An .ico holding PNG images (supported by every current browser). */
function ico(pngs: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.data)]);
}

const png = (svg: string, size: number) =>
  sharp(Buffer.from(svg), { density: Math.max(72, (72 * size) / 512) * 2 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();

async function main() {
  const out = path.resolve("public");
  fs.mkdirSync(out, { recursive: true });
  const rounded = markSvg(112);
  // iOS rounds the corners of the touch icon itself and shows transparency as black: full bleed.
  const square = markSvg(0);
  const files: [string, Buffer | string][] = [
    ["icon.svg", rounded],
    ["icon-192.png", await png(rounded, 192)],
    ["icon-512.png", await png(rounded, 512)],
    ["apple-touch-icon.png", await png(square, 180)],
    ["favicon.ico", ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(rounded, size) }))))],
  ];
  for (const [name, data] of files) {
    fs.writeFileSync(path.join(out, name), data);
    console.log(`public/${name}`);
  }
}

await main();
