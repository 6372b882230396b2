// Hostile image files for the upload tests, built in memory.
import zlib from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A valid grayscale PNG of width × height, all black: compresses ~1000:1. */
export function blackPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((width + 1) * height); // filter byte 0 + zero pixels per row
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", new Uint8Array())]);
}

/** Decompression bomb: 8,000 × 8,000 = 64 Mpixel (64 MB decoded) in a ~64 KB file. */
export const bombPng = (): Buffer => blackPng(8000, 8000);

/** A PNG whose header claims 100,000 × 100,000 pixels (10 Gpixel) with a tiny body. */
export function lyingHeaderPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.alloc(100_001))),
    chunk("IEND", new Uint8Array()),
  ]);
}

export const tinyPng = (): Buffer => blackPng(2, 2);

/** A PNG signature followed by HTML/script (a polyglot that passes a magic-bytes check). */
export const polyglotPng = (): Buffer => Buffer.concat([PNG_SIGNATURE, Buffer.from("<html><script>alert(1)</script></html>")]);

export const DISGUISED: { name: string; type: string; bytes: Buffer }[] = [
  { name: "photo.png", type: "image/png", bytes: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>") },
  { name: "photo.jpg", type: "image/jpeg", bytes: Buffer.from("<!doctype html><script>alert(1)</script>") },
  { name: "image.gif", type: "image/gif", bytes: Buffer.from("#!/bin/sh\nrm -rf /\n") },
  { name: "avatar.webp", type: "image/webp", bytes: Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj") },
  { name: "x.png", type: "image/png", bytes: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]) }, // PE executable
  { name: "x.png", type: "image/png", bytes: Buffer.from("PK\u0003\u0004zip archive") },
  {
    name: "vector.svg",
    type: "image/svg+xml",
    bytes: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
  },
];

export const TRAVERSAL_NAMES = [
  "../../../../etc/passwd.png",
  "..\\..\\windows\\win.ini.png",
  "/etc/passwd.png",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd.png",
  "avatars/../../../secret.png",
  "x.png\u0000.html",
  "....//....//x.png",
];
