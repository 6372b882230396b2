// The browser side of calls (issue 18), loaded only when a call starts, rings or is resumed (never
// in the first-load JavaScript): this tab's call, its local media and one RTCPeerConnection per
// other joined participant (a mesh of at most 6). The server holds the call's state; this module
// follows its `call:update` events and exchanges offers, answers and ICE candidates through
// POST /api/calls/:id/signal (relayed as `call:signal` on the target's user channel).
//
// Who offers: the one who joins offers to everyone already in the call (a reload rejoining too: the
// others replace their connection to it when a new offer arrives), so two peers never offer to
// each other at once.
import type { CallDto, CallSignal, IceServer } from "@/lib/chat/calls/dto";
import { CALL_HEARTBEAT_SECONDS } from "@/lib/chat/calls/limits";

export interface RemotePeer {
  userId: string;
  stream: MediaStream;
  state: RTCPeerConnectionState;
}

export interface CallView {
  call: CallDto | null;
  meId: string;
  /** This tab is in the call (joined from here). */
  inCall: boolean;
  local: MediaStream | null;
  /** My screen while I share it (my own tile shows it, as the others' show it). */
  screen: MediaStream | null;
  peers: RemotePeer[];
  muted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  /** The last call's end as a short line ("Call ended", "No answer", "Declined"), shown briefly. */
  ended: string | null;
  error: string | null;
  /** Speaking now (user ids, mine included). */
  speaking: string[];
  /** Round-trip quality of the connections: good / fair / poor (null before any measure). */
  quality: "good" | "fair" | "poor" | null;
}

interface Peer {
  pc: RTCPeerConnection;
  stream: MediaStream;
  pending: RTCIceCandidateInit[];
  /** Resolves once this side's offer or answer went out: its ICE candidates follow it, never overtake it. */
  described: Promise<void>;
  markDescribed: () => void;
}

const listeners = new Set<() => void>();
let view: CallView = {
  call: null,
  meId: "",
  inCall: false,
  local: null,
  screen: null,
  peers: [],
  muted: false,
  cameraOff: false,
  sharing: false,
  ended: null,
  error: null,
  speaking: [],
  quality: null,
};
const peers = new Map<string, Peer>();
/** ICE candidates that arrived before their peer's offer (the requests can overtake each other). */
const early = new Map<string, RTCIceCandidateInit[]>();
let iceServers: IceServer[] = [];
let heartbeat: ReturnType<typeof setInterval> | undefined;
let meter: ReturnType<typeof setInterval> | undefined;
let endedTimer: ReturnType<typeof setTimeout> | undefined;
let screenTrack: MediaStreamTrack | null = null;
let audioContext: AudioContext | null = null;
const analysers = new Map<string, AnalyserNode>();
/** Test and debugging seam: an ICE transport policy ("relay" forces TURN). */
let transportPolicy: RTCIceTransportPolicy = "all";

function set(patch: Partial<CallView>): void {
  view = { ...view, ...patch };
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const snapshot = (): CallView => view;

export function setMe(meId: string): void {
  if (view.meId !== meId) set({ meId });
}

export function setIceTransportPolicy(policy: RTCIceTransportPolicy): void {
  transportPolicy = policy;
}

async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = (await response.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(data.error?.message ?? "The call could not be reached.");
  return data;
}

const mine = (call: CallDto) => call.participants.find((p) => p.user.id === view.meId);
const isLive = (call: CallDto) => call.status === "ringing" || call.status === "active";

function endLine(call: CallDto): string {
  if (call.status === "declined") return "Call declined";
  if (call.status === "missed") return call.caller.id === view.meId ? "No answer" : "Missed call";
  return "Call ended";
}

/** Starts a call from a chat header (or joins the live one there). */
export async function startCall(conversationId: string, type: "voice" | "video"): Promise<void> {
  if (view.inCall) return;
  set({ error: null, ended: null });
  try {
    const local = await openMedia(type);
    const { call } = await api<{ call: CallDto; joined: boolean }>(`/api/conversations/${conversationId}/calls`, { type });
    await enter(call, local);
  } catch (error) {
    stopLocal();
    set({ error: (error as Error).message, inCall: false });
  }
}

/** Accepts a ringing call (or joins a running one late, or rejoins mine after a reload). */
export async function acceptCall(callId: string, callType?: "voice" | "video"): Promise<void> {
  set({ error: null, ended: null });
  stopRingtone();
  try {
    const type = callType ?? (view.call?.id === callId ? view.call.type : "video");
    const local = await openMedia(type);
    const call = await api<CallDto>(`/api/calls/${callId}`, { action: "accept" });
    await enter(call, local);
  } catch (error) {
    stopLocal();
    set({ error: (error as Error).message, inCall: false });
  }
}

export async function declineCall(callId: string): Promise<void> {
  stopRingtone();
  const call = await api<CallDto>(`/api/calls/${callId}`, { action: "decline" }).catch(() => null);
  if (call) onUpdate(call);
}

export async function hangUp(): Promise<void> {
  const call = view.call;
  if (!call) return;
  const after = await api<CallDto>(`/api/calls/${call.id}`, { action: "hangup" }).catch(() => null);
  window.dispatchEvent(new CustomEvent("parley:call-ended", { detail: call.conversationId }));
  leaveLocally(after ?? { ...call, status: "ended" });
}

/** After a reload (or in a tab opened while ringing): the call I am in is rejoined, one ringing for me rings. */
export async function resume(): Promise<void> {
  if (view.call) return;
  const { call, iceServers: servers } = await api<{ call: CallDto | null; iceServers: IceServer[] }>("/api/calls/current").catch(() => ({
    call: null,
    iceServers: [],
  }));
  if (!call) return;
  iceServers = servers;
  if (mine(call)?.status === "joined") await acceptCall(call.id, call.type);
  else onUpdate(call);
}

async function openMedia(type: "voice" | "video"): Promise<MediaStream> {
  if (view.local) return view.local;
  if (!navigator.mediaDevices?.getUserMedia) throw new Error("This browser cannot make calls.");
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: type === "video" });
  } catch {
    throw new Error(type === "video" ? "Allow the camera and microphone to make a video call." : "Allow the microphone to make a call.");
  }
}

async function enter(call: CallDto, local: MediaStream): Promise<void> {
  const { iceServers: servers } = await api<{ iceServers: IceServer[] }>(`/api/calls/${call.id}`);
  iceServers = servers;
  set({ call, local, inCall: true, muted: false, cameraOff: false, sharing: false, peers: [] });
  watchLevel(view.meId, local);
  clearInterval(heartbeat);
  heartbeat = setInterval(() => {
    if (view.call) void api(`/api/calls/${view.call.id}`, { action: "heartbeat" }).catch(() => undefined);
  }, CALL_HEARTBEAT_SECONDS * 1000);
  clearInterval(meter);
  meter = setInterval(measure, 500);
  // The joiner offers to everyone already in the call.
  for (const p of call.participants) {
    if (p.user.id !== view.meId && p.status === "joined") await offerTo(p.user.id);
  }
}

function peerFor(userId: string, fresh = false): Peer {
  const existing = peers.get(userId);
  if (existing && !fresh) return existing;
  existing?.pc.close();
  const pc = new RTCPeerConnection({ iceServers: iceServers as RTCIceServer[], iceTransportPolicy: transportPolicy });
  const stream = new MediaStream();
  let markDescribed = () => {};
  const described = new Promise<void>((resolve) => (markDescribed = resolve));
  const peer: Peer = { pc, stream, pending: [], described, markDescribed };
  peers.set(userId, peer);
  for (const track of view.local?.getTracks() ?? []) pc.addTrack(track, view.local!);
  if (view.muted) void sendOn(peer, "audio", null);
  if (screenTrack) void sendOn(peer, "video", screenTrack);
  pc.ontrack = (event) => {
    if (!stream.getTracks().includes(event.track)) stream.addTrack(event.track);
    if (event.track.kind === "audio") watchLevel(userId, stream);
    publishPeers();
  };
  pc.onicecandidate = (event) => {
    // After the offer/answer: a candidate arriving first would go to the other side's previous
    // connection to me (a reload rejoining) and be lost.
    const candidate = event.candidate;
    if (!candidate) return;
    void described.then(async () => {
      if (peers.get(userId)?.pc === pc) await signal(userId, "ice", JSON.stringify(candidate.toJSON()));
    });
  };
  pc.onconnectionstatechange = publishPeers;
  publishPeers();
  return peer;
}

function publishPeers(): void {
  set({ peers: [...peers].map(([userId, peer]) => ({ userId, stream: peer.stream, state: peer.pc.connectionState })) });
}

async function signal(to: string, kind: "offer" | "answer" | "ice", data: string): Promise<void> {
  if (!view.call) return;
  await api(`/api/calls/${view.call.id}/signal`, { to, kind, data }).catch(() => undefined);
}

async function offerTo(userId: string): Promise<void> {
  const { pc, markDescribed } = peerFor(userId, true);
  await pc.setLocalDescription(await pc.createOffer());
  await signal(userId, "offer", pc.localDescription!.sdp);
  markDescribed();
}

/** A signalling message from another participant (call:signal on my user channel). */
export async function onSignal(message: CallSignal): Promise<void> {
  if (!view.inCall || view.call?.id !== message.callId) return; // stale, or not this tab's call
  try {
    if (message.kind === "offer") {
      const peer = peerFor(message.from, true);
      peer.pending.push(...(early.get(message.from) ?? []));
      early.delete(message.from);
      await peer.pc.setRemoteDescription({ type: "offer", sdp: message.data });
      await flush(peer);
      await peer.pc.setLocalDescription(await peer.pc.createAnswer());
      await signal(message.from, "answer", peer.pc.localDescription!.sdp);
      peer.markDescribed();
    } else if (message.kind === "answer") {
      const peer = peers.get(message.from);
      if (!peer || peer.pc.signalingState !== "have-local-offer") return;
      await peer.pc.setRemoteDescription({ type: "answer", sdp: message.data });
      await flush(peer);
    } else {
      const peer = peers.get(message.from);
      const candidate = JSON.parse(message.data) as RTCIceCandidateInit;
      if (!peer) early.set(message.from, [...(early.get(message.from) ?? []), candidate].slice(-50));
      else if (peer.pc.remoteDescription) await peer.pc.addIceCandidate(candidate);
      else peer.pending.push(candidate);
    }
  } catch (error) {
    console.warn("call signal failed", error);
  }
}

async function flush(peer: Peer): Promise<void> {
  for (const candidate of peer.pending.splice(0)) await peer.pc.addIceCandidate(candidate).catch(() => undefined);
}

/** The call's new state (call:update on my user channel, or an answer of mine). */
export function onUpdate(call: CallDto): void {
  // An ended call's chat reads its timeline again (a call logged as missed while I was busy in this one too).
  if (!isLive(call)) window.dispatchEvent(new CustomEvent("parley:call-ended", { detail: call.conversationId }));
  if (view.call && view.call.id !== call.id && view.inCall) return; // another call while I am in one: the server said busy
  const me = mine(call);
  if (!isLive(call)) {
    if (view.call?.id === call.id || view.inCall) leaveLocally(call);
    return;
  }
  if (view.inCall && me?.status !== "joined") {
    // Left from another tab of mine.
    leaveLocally(call);
    return;
  }
  if (!view.inCall && me?.status !== "ringing") {
    // Answered or declined in another tab of mine: this tab stops ringing.
    if (view.call?.id === call.id) set({ call: null });
    stopRingtone();
    return;
  }
  set({ call });
  if (!view.inCall) {
    startRingtone(call.ringUntil);
    return;
  }
  for (const [userId, peer] of peers) {
    const status = call.participants.find((p) => p.user.id === userId)?.status;
    if (status !== "joined") {
      peer.pc.close();
      peers.delete(userId);
    }
  }
  publishPeers();
}

function leaveLocally(call: CallDto): void {
  const wasInCall = view.inCall || view.call?.id === call.id;
  for (const peer of peers.values()) peer.pc.close();
  peers.clear();
  early.clear();
  clearInterval(heartbeat);
  clearInterval(meter);
  stopRingtone();
  stopLocal();
  set({
    call: null,
    inCall: false,
    peers: [],
    sharing: false,
    screen: null,
    speaking: [],
    quality: null,
    ended: wasInCall ? endLine(call) : null,
  });
  clearTimeout(endedTimer);
  endedTimer = setTimeout(() => set({ ended: null }), 4000);
}

function stopLocal(): void {
  for (const track of view.local?.getTracks() ?? []) track.stop();
  screenTrack?.stop();
  screenTrack = null;
  analysers.clear();
  if (view.local) set({ local: null });
}

export function toggleMute(): void {
  const audio = view.local?.getAudioTracks()[0];
  if (!audio) return;
  const muted = !view.muted;
  // Replacing the sent track with nothing stops the audio packets (a disabled track would still send silence).
  for (const peer of peers.values()) void sendOn(peer, "audio", muted ? null : audio);
  audio.enabled = !muted;
  set({ muted });
}

/** Puts `track` on the sender of the peer's `kind` transceiver (its m-line's kind is its receiver's). */
async function sendOn(peer: Peer, kind: "audio" | "video", track: MediaStreamTrack | null): Promise<void> {
  for (const transceiver of peer.pc.getTransceivers()) {
    if (transceiver.receiver.track.kind === kind) await transceiver.sender.replaceTrack(track).catch(() => undefined);
  }
}

export function toggleCamera(): void {
  const video = view.local?.getVideoTracks()[0];
  if (!video) return;
  video.enabled = !video.enabled;
  set({ cameraOff: !video.enabled });
}

/**
 * Shares the screen in place of the camera: every peer's video sender gets the screen track (no
 * renegotiation; a voice call has no video to replace, so it offers no sharing). Stops from the
 * button or from the browser's own "Stop sharing" (the track ends).
 */
export async function toggleScreenShare(): Promise<void> {
  const call = view.call;
  if (!call) return;
  if (screenTrack) {
    await stopSharing();
    return;
  }
  let display: MediaStream;
  try {
    display = await navigator.mediaDevices.getDisplayMedia({ video: true });
  } catch {
    return;
  }
  const track = display.getVideoTracks()[0];
  if (!track || !view.inCall) {
    for (const t of display.getTracks()) t.stop();
    return;
  }
  screenTrack = track;
  await replaceVideo(track);
  set({ sharing: true, screen: display });
  void api(`/api/calls/${call.id}`, { action: "screen-start" }).catch(() => undefined);
  // stop() does not fire "ended": only the browser ending the capture does.
  track.onended = () => void stopSharing();
}

async function stopSharing(): Promise<void> {
  const track = screenTrack;
  if (!track) return;
  screenTrack = null;
  track.onended = null;
  track.stop();
  await replaceVideo(view.local?.getVideoTracks()[0] ?? null);
  set({ sharing: false, screen: null });
  if (view.call) void api(`/api/calls/${view.call.id}`, { action: "screen-stop" }).catch(() => undefined);
}

async function replaceVideo(track: MediaStreamTrack | null): Promise<void> {
  for (const peer of peers.values()) await sendOn(peer, "video", track);
}

/** Switches the microphone or camera to another device. */
export async function switchDevice(kind: "audioinput" | "videoinput", deviceId: string): Promise<void> {
  const local = view.local;
  if (!local) return;
  const stream = await navigator.mediaDevices.getUserMedia(kind === "audioinput" ? { audio: { deviceId } } : { video: { deviceId } });
  const track = stream.getTracks()[0]!;
  const old = kind === "audioinput" ? local.getAudioTracks()[0] : local.getVideoTracks()[0];
  if (old) {
    local.removeTrack(old);
    old.stop();
  }
  local.addTrack(track);
  const kindOf = track.kind as "audio" | "video";
  const held = (kindOf === "video" && screenTrack) || (kindOf === "audio" && view.muted);
  if (!held) for (const peer of peers.values()) await sendOn(peer, kindOf, track);
  set({ local });
}

// ── Speaking indicator and connection quality ───────────────────────────────────────────────────

function watchLevel(userId: string, stream: MediaStream): void {
  if (analysers.has(userId) || stream.getAudioTracks().length === 0) return;
  try {
    audioContext ??= new AudioContext();
    const analyser = audioContext.createAnalyser();
    analyser.fftSize = 512;
    audioContext.createMediaStreamSource(stream).connect(analyser);
    analysers.set(userId, analyser);
  } catch {
    // No Web Audio: no speaking indicator.
  }
}

async function measure(): Promise<void> {
  const speaking: string[] = [];
  const samples = new Uint8Array(512);
  for (const [userId, analyser] of analysers) {
    if (userId === view.meId && view.muted) continue;
    analyser.getByteTimeDomainData(samples);
    let peak = 0;
    for (const value of samples) peak = Math.max(peak, Math.abs(value - 128));
    if (peak > 12) speaking.push(userId);
  }
  let worst = 0;
  let measured = false;
  for (const peer of peers.values()) {
    const stats = await peer.pc.getStats().catch(() => null);
    stats?.forEach((report: { type: string; state?: string; nominated?: boolean; currentRoundTripTime?: number }) => {
      if (report.type === "candidate-pair" && report.nominated && typeof report.currentRoundTripTime === "number") {
        measured = true;
        worst = Math.max(worst, report.currentRoundTripTime);
      }
    });
  }
  const quality = measured ? (worst < 0.15 ? "good" : worst < 0.4 ? "fair" : "poor") : null;
  if (speaking.join() !== view.speaking.join() || quality !== view.quality) set({ speaking, quality });
}

// ── Ringtone (Web Audio, nothing to download) ────────────────────────────────────────────────────

let ringing: { context: AudioContext; timer: ReturnType<typeof setInterval>; until: ReturnType<typeof setTimeout> } | null = null;

function startRingtone(ringUntil: string): void {
  if (ringing) return;
  let context: AudioContext;
  try {
    context = new AudioContext();
  } catch {
    return;
  }
  const ring = () => {
    const now = context.currentTime;
    for (const [offset, frequency] of [
      [0, 440],
      [0.45, 480],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.15, now + offset + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.4);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(now + offset);
      oscillator.stop(now + offset + 0.42);
    }
  };
  ring();
  const timer = setInterval(ring, 2000);
  // Stops by itself at the ring timeout even if the missed event never arrives.
  const until = setTimeout(
    () => {
      stopRingtone();
      if (!view.inCall && view.call) set({ call: null });
    },
    Math.max(0, new Date(ringUntil).getTime() - Date.now()),
  );
  ringing = { context, timer, until };
}

function stopRingtone(): void {
  if (!ringing) return;
  clearInterval(ringing.timer);
  clearTimeout(ringing.until);
  void ringing.context.close().catch(() => undefined);
  ringing = null;
}
