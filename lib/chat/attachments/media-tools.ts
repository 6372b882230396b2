// Where ffprobe/ffmpeg are (FFPROBE_PATH / FFMPEG_PATH, default Debian's /usr/bin) and the start-up
// report when they are missing. No "server-only" import: scripts/parley-server.ts calls it at start-up.
import { existsSync } from "node:fs";

export function ffprobePath(): string {
  return process.env.FFPROBE_PATH || "/usr/bin/ffprobe";
}
export function ffmpegPath(): string {
  return process.env.FFMPEG_PATH || "/usr/bin/ffmpeg";
}

export function mediaToolsAvailable(): { ffprobe: boolean; ffmpeg: boolean } {
  return { ffprobe: existsSync(ffprobePath()), ffmpeg: existsSync(ffmpegPath()) };
}

/** One line at start-up: whether durations and posters can be measured. */
export function reportMediaTools(log: (line: string) => void = console.warn): void {
  const tools = mediaToolsAvailable();
  const missing = Object.entries(tools)
    .filter(([, ok]) => !ok)
    .map(([name]) => (name === "ffprobe" ? ffprobePath() : ffmpegPath()));
  if (missing.length > 0) {
    log(
      `attachments: ${missing.join(" and ")} not found: audio/video durations and video posters are off on the server (the uploader's browser grabs posters instead; apt-get install ffmpeg, or set FFPROBE_PATH/FFMPEG_PATH).`,
    );
  }
}
