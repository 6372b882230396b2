// The browser poster's decisions around an upload (lib/client/video-poster.ts): which uploads get a
// frame, when it is grabbed, and that a failure never fails the upload. The grab itself needs a
// browser (<video>, canvas); here it is a stand-in.
import { describe, expect, it, vi } from "vitest";
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import { withBrowserPoster, type PosterDeps } from "./video-poster";

const dto = (over: Partial<AttachmentDto>): AttachmentDto => ({
  id: "a1",
  name: "clip.mp4",
  size: 10,
  mimeType: "video/mp4",
  kind: "video",
  width: null,
  height: null,
  durationMs: null,
  waveform: null,
  url: "/api/attachments/a1",
  posterUrl: null,
  ...over,
});
const video = new Blob(["x"], { type: "video/mp4" });
const frame = new Blob(["jpeg"], { type: "image/jpeg" });

function deps(over: Partial<PosterDeps> = {}) {
  return {
    serverMakesPosters: vi.fn(async () => false),
    grab: vi.fn(async () => frame),
    put: vi.fn(async (id: string) => dto({ id, posterUrl: `/api/attachments/${id}/poster` })),
    ...over,
  };
}

describe("withBrowserPoster", () => {
  it("sends the browser's frame for a stored video without a poster, and answers with its posterUrl", async () => {
    const d = deps();
    const result = await withBrowserPoster(video, Promise.resolve(dto({})), d);
    expect(result.posterUrl).toBe("/api/attachments/a1/poster");
    expect(d.grab).toHaveBeenCalledTimes(1);
    expect(d.put).toHaveBeenCalledWith("a1", frame);
  });

  it("leaves other files, and videos the server made a poster for, alone", async () => {
    const d = deps({ serverMakesPosters: vi.fn(async () => true) });
    const pdf = dto({ kind: "file", mimeType: "application/pdf" });
    expect(await withBrowserPoster(new Blob(["%PDF"], { type: "application/pdf" }), Promise.resolve(pdf), d)).toBe(pdf);
    const made = dto({ posterUrl: "/api/attachments/a1/poster" });
    expect(await withBrowserPoster(video, Promise.resolve(made), d)).toBe(made);
    expect(d.grab).not.toHaveBeenCalled();
    expect(d.put).not.toHaveBeenCalled();
  });

  it("grabs after the upload when the server makes posters but made none for this file", async () => {
    const d = deps({ serverMakesPosters: vi.fn(async () => true) });
    expect((await withBrowserPoster(video, Promise.resolve(dto({})), d)).posterUrl).toBe("/api/attachments/a1/poster");
    expect(d.grab).toHaveBeenCalledTimes(1);
  });

  it("never fails the upload: no frame, a refused PUT or a throwing grab leave the attachment as stored", async () => {
    const stored = dto({});
    expect(await withBrowserPoster(video, Promise.resolve(stored), deps({ grab: vi.fn(async () => null) }))).toBe(stored);
    expect(await withBrowserPoster(video, Promise.resolve(stored), deps({ put: vi.fn(async () => null) }))).toBe(stored);
    const throwing = vi.fn(async (): Promise<Blob | null> => {
      throw new Error("decode");
    });
    expect(await withBrowserPoster(video, Promise.resolve(stored), deps({ grab: throwing }))).toBe(stored);
    // A refused upload stays refused.
    await expect(withBrowserPoster(video, Promise.reject(new Error("413")), deps())).rejects.toThrow("413");
  });
});
