// Durations, dimensions and poster frames of uploaded audio and video, measured on the server with
// Debian's ffprobe/ffmpeg (FFPROBE_PATH / FFMPEG_PATH, default /usr/bin), never taken from the
// client. The input is untrusted: each run has a wall-clock limit (killed after PROBE_TIMEOUT_MS)
// and an address-space limit (prlimit --as, when util-linux's prlimit is installed). Without the
// binaries, attachments still work: durations are unknown and a video's poster is the frame its
// uploader's browser grabs (poster.ts); reportMediaTools() says so at start-up.
import "server-only";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { ffmpegPath, ffprobePath, mediaToolsAvailable } from "./media-tools";

export const PROBE_TIMEOUT_MS = 15_000;
const MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;
const PRLIMIT = "/usr/bin/prlimit";

function run(binary: string, args: string[], maxBuffer = 4 * 1024 * 1024): Promise<Buffer> {
  const limited = existsSync(PRLIMIT);
  const file = limited ? PRLIMIT : binary;
  const argv = limited ? [`--as=${MEMORY_LIMIT_BYTES}`, "--", binary, ...args] : args;
  return new Promise((resolve, reject) => {
    execFile(file, argv, { timeout: PROBE_TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer, encoding: "buffer" }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

export interface Probe {
  durationMs: number | null;
  width: number | null;
  height: number | null;
  hasVideo: boolean;
  hasAudio: boolean;
}

/** ffprobe's view of a file, or null when ffprobe is missing or cannot read it. */
export async function probeMedia(file: string): Promise<Probe | null> {
  if (!mediaToolsAvailable().ffprobe) return null;
  try {
    const out = await run(ffprobePath(), ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file]);
    const info = JSON.parse(out.toString("utf8")) as {
      format?: { duration?: string };
      streams?: { codec_type?: string; width?: number; height?: number; duration?: string; disposition?: { attached_pic?: number } }[];
    };
    const streams = info.streams ?? [];
    const video = streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
    const audio = streams.find((s) => s.codec_type === "audio");
    const seconds = Number(info.format?.duration ?? video?.duration ?? audio?.duration);
    return {
      durationMs: Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : null,
      width: video?.width ?? null,
      height: video?.height ?? null,
      hasVideo: !!video,
      hasAudio: !!audio,
    };
  } catch {
    return null;
  }
}

/** Writes a JPEG poster frame (at most 640 px wide) of a video; false when it cannot. */
export async function writePoster(file: string, poster: string, durationMs: number | null): Promise<boolean> {
  if (!mediaToolsAvailable().ffmpeg) return false;
  const at = durationMs && durationMs > 2000 ? 1 : 0;
  try {
    await run(ffmpegPath(), [
      "-v",
      "error",
      "-y",
      "-ss",
      String(at),
      "-i",
      file,
      "-frames:v",
      "1",
      "-vf",
      "scale='min(640,iw)':-2",
      "-f",
      "image2",
      "-c:v",
      "mjpeg",
      poster,
    ]);
    return existsSync(poster);
  } catch {
    return false;
  }
}

/**
 * 64 peak amplitudes (0-255) of an audio file, base64, and its duration as decoded (MediaRecorder's
 * WebM has none in its header); null when ffmpeg is missing or fails.
 */
export async function waveformOf(file: string, bars = 64): Promise<{ waveform: string; durationMs: number } | null> {
  if (!mediaToolsAvailable().ffmpeg) return null;
  try {
    // Mono 8 kHz 16-bit PCM: at most 10 minutes (~9.6 MB) is read.
    const pcm = await run(
      ffmpegPath(),
      ["-v", "error", "-t", "600", "-i", file, "-ac", "1", "-ar", "8000", "-f", "s16le", "-"],
      16 * 1024 * 1024,
    );
    const samples = Math.floor(pcm.byteLength / 2);
    if (samples === 0) return null;
    const peaks = new Uint8Array(bars);
    const per = Math.max(1, Math.floor(samples / bars));
    let max = 1;
    const raw = new Array<number>(bars).fill(0);
    for (let bar = 0; bar < bars; bar++) {
      let peak = 0;
      for (let i = bar * per; i < Math.min(samples, (bar + 1) * per); i++) peak = Math.max(peak, Math.abs(pcm.readInt16LE(i * 2)));
      raw[bar] = peak;
      max = Math.max(max, peak);
    }
    raw.forEach((peak, bar) => (peaks[bar] = Math.round((peak / max) * 255)));
    return { waveform: Buffer.from(peaks).toString("base64"), durationMs: Math.round((samples / 8000) * 1000) };
  } catch {
    return null;
  }
}
