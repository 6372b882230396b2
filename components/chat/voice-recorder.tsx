"use client";
// Voice notes (issue 14) with the browser's MediaRecorder and a running timer, two ways: click to
// start, then Stop (the recording joins the files tray as a voice note and uploads) or Cancel
// (nothing is kept); or hold the microphone button: releasing it keeps the recording, sliding away
// from it first (further than SLIDE_TO_CANCEL_PX) and releasing drops it. The server measures its
// duration and waveform; the client's are never used.
import { Mic, Square, Trash2 } from "lucide-react";
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { formatDuration } from "@/lib/chat/attachments/limits";
import { notify } from "@/lib/client/notify";

const TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];
/** A press longer than this is a hold: releasing ends the recording. Shorter is a click. */
const HOLD_MS = 400;
/** Sliding this far from where the hold began cancels it on release. */
const SLIDE_TO_CANCEL_PX = 80;

export function VoiceRecorder({ onRecorded, disabled }: { onRecorded: (file: File) => void; disabled?: boolean }) {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const recorder = useRef<MediaRecorder | null>(null);
  const keep = useRef(false);
  /** A hold released before the microphone was ready: applied as soon as the recorder starts. */
  const endWhenReady = useRef<boolean | null>(null);
  /** While held: whether the pointer has slid far enough to cancel. */
  const [sliding, setSliding] = useState<boolean | null>(null);

  useEffect(() => {
    if (startedAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [startedAt]);

  useEffect(() => () => recorder.current?.stream.getTracks().forEach((track) => track.stop()), []);

  const finish = (save: boolean) => {
    endWhenReady.current = null;
    setSliding(null);
    if (!recorder.current) return;
    keep.current = save;
    recorder.current.stop();
    recorder.current = null;
    setStartedAt(null);
  };

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
    const at = Date.now();
    setStartedAt(at);
    setNow(at);
    if (endWhenReady.current !== null) finish(endWhenReady.current);
  };

  // Hold to record: the button turns into the recording bar under the pointer, so the release and
  // the slide are followed on the window.
  const hold = (event: ReactPointerEvent) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const began = { at: Date.now(), x: event.clientX, y: event.clientY };
    let away = false;
    endWhenReady.current = null;
    const move = (e: PointerEvent) => {
      const far = Math.hypot(e.clientX - began.x, e.clientY - began.y) > SLIDE_TO_CANCEL_PX;
      if (far !== away) {
        away = far;
        setSliding(far);
      }
    };
    const release = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", release);
      window.removeEventListener("pointercancel", cancel);
      if (Date.now() - began.at < HOLD_MS && !away) {
        setSliding(null); // a click: keep recording until Stop or Cancel
        return;
      }
      if (recorder.current) finish(!away);
      else endWhenReady.current = !away;
    };
    const cancel = () => {
      away = true;
      release();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", release);
    window.addEventListener("pointercancel", cancel);
    setSliding(false);
    void start();
  };

  if (startedAt === null) {
    return (
      <button
        type="button"
        className="icon-button"
        aria-label="Record voice message"
        title="Record a voice message"
        disabled={disabled}
        onPointerDown={hold}
        // The keyboard (Enter, Space) clicks: recording until Stop or Cancel. A pointer starts on press.
        onClick={(event) => {
          if (event.detail === 0) void start();
        }}
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
      {sliding !== null ? (
        <span role="status" className="px-1 text-xs">
          {sliding ? "Release to cancel" : "Release to keep · slide away to cancel"}
        </span>
      ) : null}
      <button type="button" className="icon-button size-8" aria-label="Cancel recording" onClick={() => finish(false)}>
        <Trash2 aria-hidden className="size-4" />
      </button>
      <button type="button" className="icon-button size-8" aria-label="Stop recording" onClick={() => finish(true)}>
        <Square aria-hidden className="size-4" />
      </button>
    </div>
  );
}
