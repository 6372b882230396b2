"use client";
// The call UI (issue 18): an incoming call (caller's name and picture, Accept / Decline, the
// ringtone plays from the controller), and the call view — full screen on a phone, a large panel
// on a desktop — with every participant's tile (video or avatar, speaking ring, screen share),
// the duration, connection quality and the controls (mute, camera, share screen, devices, hang up),
// each a labelled button. Loaded with components/calls/mount.tsx only.
import { Mic, MicOff, MonitorUp, Phone, PhoneOff, Video, VideoOff } from "lucide-react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { CallDto } from "@/lib/chat/calls/dto";
import * as calls from "@/lib/client/calls/controller";
import { UserAvatar } from "@/components/chat/user-avatar";

export function CallOverlay() {
  const view = useSyncExternalStore(calls.subscribe, calls.snapshot, calls.snapshot);
  const { call, inCall, ended, error } = view;
  if (call && !inCall) return <IncomingCall call={call} />;
  if (call && inCall) return <InCall view={view} call={call} />;
  if (ended || error) {
    return (
      <div
        role="status"
        className="fixed bottom-4 left-1/2 z-50 -translate-x-1/2 rounded-lg bg-neutral-900 px-4 py-2 text-sm text-white shadow-lg"
      >
        {error ?? ended}
      </div>
    );
  }
  return null;
}

function IncomingCall({ call }: { call: CallDto }) {
  const label = `Incoming ${call.type} call`;
  return (
    <div
      role="dialog"
      aria-label={label}
      className="fixed inset-x-2 top-2 z-50 mx-auto flex max-w-sm items-center gap-3 rounded-2xl bg-neutral-900 p-4 text-white shadow-2xl"
    >
      <UserAvatar user={call.caller} size={48} />
      <div className="min-w-0 flex-1">
        <p className="truncate font-semibold">{call.caller.name ?? "Parley user"}</p>
        <p className="text-sm text-neutral-300">{label}…</p>
      </div>
      <button
        type="button"
        className="flex size-11 items-center justify-center rounded-full bg-red-600 hover:bg-red-500"
        aria-label="Decline"
        title="Decline"
        onClick={() => void calls.declineCall(call.id)}
      >
        <PhoneOff aria-hidden className="size-5" />
      </button>
      <button
        type="button"
        className="flex size-11 items-center justify-center rounded-full bg-emerald-600 hover:bg-emerald-500"
        aria-label="Accept"
        title="Accept"
        onClick={() => void calls.acceptCall(call.id)}
      >
        {call.type === "video" ? <Video aria-hidden className="size-5" /> : <Phone aria-hidden className="size-5" />}
      </button>
    </div>
  );
}

function useDuration(startedAt: string | null): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!startedAt) return "";
  const seconds = Math.max(0, Math.floor((now - new Date(startedAt).getTime()) / 1000));
  const mm = String(Math.floor(seconds / 60)).padStart(2, "0");
  const ss = String(seconds % 60).padStart(2, "0");
  return `${mm}:${ss}`;
}

function InCall({ view, call }: { view: calls.CallView; call: CallDto }) {
  const duration = useDuration(call.startedAt);
  const others = call.participants.filter((p) => p.user.id !== view.meId && p.status === "joined");
  const ringing = call.participants.some((p) => p.status === "ringing");
  const me = call.participants.find((p) => p.user.id === view.meId);
  const status =
    call.status === "ringing"
      ? "Ringing…"
      : others.length === 0
        ? ringing
          ? "Ringing…"
          : "Waiting for others…"
        : `${duration}${view.quality ? ` · Connection ${view.quality}` : ""}`;
  return (
    <section
      aria-label={`${call.type === "video" ? "Video" : "Voice"} call`}
      className="fixed inset-0 z-50 flex flex-col bg-neutral-950 text-white md:inset-8 md:rounded-2xl md:shadow-2xl"
    >
      <header className="flex items-center justify-between gap-2 px-4 py-3">
        <h2 className="truncate font-semibold">{others.map((p) => p.user.name ?? "Parley user").join(", ") || "Call"}</h2>
        <p className="text-sm text-neutral-300" aria-live="polite" data-testid="call-status">
          {status}
        </p>
      </header>
      <div className="grid min-h-0 flex-1 auto-rows-fr grid-cols-1 gap-2 p-2 sm:grid-cols-2">
        {others.map((p) => (
          <Tile
            key={p.user.id}
            name={p.user.name ?? "Parley user"}
            user={p.user}
            stream={view.peers.find((peer) => peer.userId === p.user.id)?.stream ?? null}
            speaking={view.speaking.includes(p.user.id)}
            sharing={p.sharing}
            video={call.type === "video"}
          />
        ))}
        {me ? (
          <Tile
            name="You"
            user={me.user}
            stream={view.screen ?? view.local}
            speaking={view.speaking.includes(view.meId)}
            sharing={view.sharing}
            video={call.type === "video" && !view.cameraOff}
            muted
          />
        ) : null}
      </div>
      <div className="flex flex-wrap items-center justify-center gap-3 p-4" role="toolbar" aria-label="Call controls">
        <ControlButton label={view.muted ? "Unmute" : "Mute"} pressed={view.muted} onClick={calls.toggleMute}>
          {view.muted ? <MicOff aria-hidden className="size-5" /> : <Mic aria-hidden className="size-5" />}
        </ControlButton>
        {call.type === "video" ? (
          <>
            <ControlButton
              label={view.cameraOff ? "Turn camera on" : "Turn camera off"}
              pressed={view.cameraOff}
              onClick={calls.toggleCamera}
            >
              {view.cameraOff ? <VideoOff aria-hidden className="size-5" /> : <Video aria-hidden className="size-5" />}
            </ControlButton>
            <ControlButton
              label={view.sharing ? "Stop sharing" : "Share screen"}
              pressed={view.sharing}
              onClick={() => void calls.toggleScreenShare()}
            >
              <MonitorUp aria-hidden className="size-5" />
            </ControlButton>
          </>
        ) : null}
        <DevicePicker />
        <button
          type="button"
          className="flex size-12 items-center justify-center rounded-full bg-red-600 hover:bg-red-500"
          aria-label="Hang up"
          title="Hang up"
          onClick={() => void calls.hangUp()}
        >
          <PhoneOff aria-hidden className="size-5" />
        </button>
      </div>
    </section>
  );
}

function ControlButton({
  label,
  pressed,
  onClick,
  children,
}: {
  label: string;
  pressed: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      className={`flex size-12 items-center justify-center rounded-full ${pressed ? "bg-white text-neutral-900" : "bg-neutral-800 hover:bg-neutral-700"}`}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

function DevicePicker() {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then(setDevices)
      .catch(() => undefined);
  }, []);
  const pick = (kind: "audioinput" | "videoinput", label: string) => {
    const list = devices.filter((d) => d.kind === kind && d.deviceId);
    if (list.length < 2) return null;
    return (
      <label className="flex items-center gap-1 text-xs">
        <span className="sr-only">{label}</span>
        <select
          aria-label={label}
          className="max-w-32 rounded bg-neutral-800 p-1 text-white"
          onChange={(event) => void calls.switchDevice(kind, event.target.value)}
        >
          {list.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label || `${kind === "audioinput" ? "Microphone" : "Camera"} ${i + 1}`}
            </option>
          ))}
        </select>
      </label>
    );
  };
  return (
    <>
      {pick("audioinput", "Microphone")}
      {pick("videoinput", "Camera")}
    </>
  );
}

function Tile({
  name,
  user,
  stream,
  speaking,
  sharing,
  video,
  muted = false,
}: {
  name: string;
  user: CallDto["caller"];
  stream: MediaStream | null;
  speaking: boolean;
  sharing: boolean;
  video: boolean;
  muted?: boolean;
}) {
  const media = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (media.current && media.current.srcObject !== stream) media.current.srcObject = stream;
  }, [stream]);
  return (
    <figure
      className={`relative flex min-h-32 items-center justify-center overflow-hidden rounded-xl bg-neutral-800 ${speaking ? "ring-4 ring-emerald-400" : ""}`}
      data-speaking={speaking}
      aria-label={`${name}${speaking ? ", speaking" : ""}${sharing ? ", sharing the screen" : ""}`}
    >
      {/* Audio plays through the element even in a voice call (then it is hidden). */}
      <video ref={media} autoPlay playsInline muted={muted} className={video || sharing ? "size-full object-contain" : "hidden"} />
      {!video && !sharing ? <UserAvatar user={user} size={72} /> : null}
      <figcaption className="absolute bottom-2 left-2 rounded bg-black/60 px-2 py-0.5 text-xs">
        {name}
        {sharing ? " · sharing screen" : ""}
      </figcaption>
    </figure>
  );
}
