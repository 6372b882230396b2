"use client";
// Voice notes (issue 14): click to start recording with the browser's MediaRecorder, a running
// timer, then Stop (the recording joins the files tray as a voice note and uploads) or Cancel
// (nothing is kept). The server measures its duration and waveform; the client's are never used.
import { Mic, Square, Trash2 } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { formatDuration } from "@/lib/chat/attachments/limits";
import { notify } from "@/lib/client/notify";

const TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];

export function VoiceRecorder({ onRecorded, disabled }: { onRecorded: (file: File) => void; disabled?: boolean }) {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const recorder = useRef<MediaRecorder | null>(null);
  const keep = useRef(false);

  useEffect(() => {
    if (startedAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [startedAt]);

  useEffect(() => () => recorder.current?.stream.getTracks().forEach((track) => track.stop()), []);

  const start = async () => {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      notify.error("Parley cannot use the microphone: allow it in the browser to record a voice message.");
      return;
    }
    const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    const rec = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    rec.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    rec.onstop = () => {
      stream.getTracks().forEach((track) => track.stop());
      if (!keep.current || chunks.length === 0) return;
      const type = rec.mimeType || mimeType || "audio/webm";
      const ext = type.includes("ogg") ? "ogg" : type.includes("mp4") ? "m4a" : "webm";
      const stamp = new Date().toISOString().slice(0, 19).replace(/[T:]/g, "-");
      onRecorded(new File(chunks, `voice-${stamp}.${ext}`, { type: type.split(";")[0] }));
    };
    recorder.current = rec;
    keep.current = false;
    rec.start(250);
    setStartedAt(Date.now());
    setNow(Date.now());
  };

  const finish = (save: boolean) => {
    keep.current = save;
    recorder.current?.stop();
    recorder.current = null;
    setStartedAt(null);
  };

  if (startedAt === null) {
    return (
      <button
        type="button"
        className="icon-button"
        aria-label="Record voice message"
        title="Record a voice message"
        disabled={disabled}
        onClick={() => void start()}
      >
        <Mic aria-hidden className="size-5" />
      </button>
    );
  }
  return (
    <div
      role="group"
      aria-label="Recording voice message"
      className="flex items-center gap-1 rounded-full bg-red-50 px-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
    >
      <span className="size-2 animate-pulse rounded-full bg-red-600" aria-hidden />
      <span role="timer" aria-label="Recording time">
        {formatDuration(now - startedAt)}
      </span>
      <button type="button" className="icon-button size-8" aria-label="Cancel recording" onClick={() => finish(false)}>
        <Trash2 aria-hidden className="size-4" />
      </button>
      <button type="button" className="icon-button size-8" aria-label="Stop recording" onClick={() => finish(true)}>
        <Square aria-hidden className="size-4" />
      </button>
    </div>
  );
}
