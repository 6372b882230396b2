import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertImage, sniffImage } from "./images";
import { isValidKey, LocalDiskStorage } from "./storage";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "parley-storage-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const bytes = (...values: number[]) => new Uint8Array([...values, ...new Array(16).fill(0)]);

describe("image sniffing", () => {
  it("recognises PNG, JPEG, GIF and WebP by their first bytes", () => {
    expect(sniffImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe("png");
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpg");
    expect(sniffImage(new TextEncoder().encode("GIF89a......"))).toBe("gif");
    expect(sniffImage(new TextEncoder().encode("GIF87a......"))).toBe("gif");
    expect(sniffImage(new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).toBe("webp");
  });

  it("refuses SVG, HTML, RIFF that is not WebP, and empty or oversize files", () => {
    expect(sniffImage(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffImage(new TextEncoder().encode("<!doctype html><script>"))).toBeNull();
    expect(sniffImage(new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WAVEfmt "))).toBeNull();
    expect(() => assertImage(new Uint8Array())).toThrow(/empty/);
    expect(() => assertImage(bytes(0xff, 0xd8, 0xff), 10)).toThrow(/at most/);
  });
});

describe("LocalDiskStorage", () => {
  const storage = new LocalDiskStorage(root);

  it("stores, reads, serves under /api/uploads and deletes", async () => {
    const data = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    await storage.put("avatars/u1/abc.png", data, "image/png");
    expect(await storage.get("avatars/u1/abc.png")).toEqual({ bytes: data, contentType: "image/png" });
    expect(storage.url("avatars/u1/abc.png")).toBe("/api/uploads/avatars/u1/abc.png");
    await storage.delete("avatars/u1/abc.png");
    expect(await storage.get("avatars/u1/abc.png")).toBeNull();
  });

  it("accepts only app-shaped keys: no traversal, no other extensions", async () => {
    for (const key of ["../secret.png", "a/../../b.png", "/abs.png", "a\\b.png", "a/b.svg", "a/b.html", "a/.png", "a//b.png"]) {
      expect(isValidKey(key), key).toBe(false);
      expect(await storage.get(key)).toBeNull();
    }
    await expect(storage.put("../x.png", bytes(1), "image/png")).rejects.toThrow(/invalid storage key/);
    await expect(storage.put("a/x.png", bytes(1), "image/gif")).rejects.toThrow(/does not match/);
  });
});
