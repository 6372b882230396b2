// A message's attachments (issue 14): images as a grid (a click opens the viewer), videos with their
// poster, duration and an inline player, audio and voice notes with a player (voice: 1× / 1.5× / 2×),
// and any other file as a card (icon by type, name, size) that downloads.
import { File, FileArchive, FileAudio, FileText, FileVideo, Download, Mic } from "lucide-react";
import { useState } from "react";
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import { formatBytes, formatDuration } from "@/lib/chat/attachments/limits";
import { request } from "@/lib/client/api";
import { useChat, type UiMessage } from "@/lib/client/store";
import { useMessageStoreApi } from "@/lib/client/store/message-slices";
import type { PartProps } from "./types";

function iconFor(item: AttachmentDto) {
  if (item.mimeType === "application/pdf" || item.mimeType.startsWith("text/")) return FileText;
  if (/zip|compressed|x-7z|x-rar|gzip|x-tar/.test(item.mimeType)) return FileArchive;
  if (item.kind === "audio" || item.kind === "voice") return FileAudio;
  if (item.kind === "video") return FileVideo;
  return File;
}

function VoiceNote({ item, message, mine }: { item: AttachmentDto; message: UiMessage; mine: boolean }) {
  const [rate, setRate] = useState(1);
  const me = useChat((s) => s.me);
  const store = useMessageStoreApi();
  const isGroup = useChat((s) => s.conversations[message.conversationId]?.isGroup === true);
  const bars = item.waveform ? Array.from(atob(item.waveform), (c) => c.charCodeAt(0)) : [];
  const playedBy = item.playedBy ?? [];
  const unplayed = !mine && me !== null && !playedBy.includes(me.id);
  // The first play marks it played for me (at once here, then on the server: the sender sees it live).
  const markPlayed = () => {
    if (!unplayed || !me) return;
    store.getState().applyVoicePlayed(message.conversationId, message.id, item.id, me.id);
    void request("POST", `${item.url}/played`).catch(() => {});
  };
  return (
    <div className="flex min-w-56 flex-col gap-1 rounded-xl bg-black/5 p-2 dark:bg-white/10">
      {bars.length > 0 ? (
        <div aria-hidden className="flex h-6 items-end gap-px">
          {bars.map((value, index) => (
            <span key={index} className="w-1 rounded-sm bg-current opacity-60" style={{ height: `${Math.max(8, (value / 255) * 100)}%` }} />
          ))}
        </div>
      ) : null}
      <audio
        controls
        preload="metadata"
        src={item.url}
        aria-label={`Voice message${item.durationMs !== null ? `, ${formatDuration(item.durationMs)}` : ""}`}
        className="h-9 w-full"
        onPlay={markPlayed}
        ref={(el) => {
          if (el) el.playbackRate = rate;
        }}
      />
      <div className="flex items-center gap-1 text-xs">
        <div className="flex gap-1" role="group" aria-label="Playback speed">
          {[1, 1.5, 2].map((speed) => (
            <button
              key={speed}
              type="button"
              aria-pressed={rate === speed}
              className="rounded px-1.5 py-0.5 aria-pressed:bg-black/10 dark:aria-pressed:bg-white/20"
              onClick={() => setRate(speed)}
            >
              {speed}×
            </button>
          ))}
        </div>
        {unplayed ? (
          <span className="ml-auto flex items-center gap-1 text-sky-700 dark:text-sky-400">
            <span aria-hidden className="size-2 rounded-full bg-sky-600" />
            Not played yet
          </span>
        ) : null}
        {mine && playedBy.length > 0 ? (
          <span className="ml-auto flex items-center gap-1 text-sky-700 dark:text-sky-400">
            <Mic aria-hidden className="size-3.5" />
            {isGroup ? `Played by ${playedBy.length}` : "Played"}
          </span>
        ) : null}
      </div>
    </div>
  );
}

export function AttachmentsPart({ part, message, mine, senderName, onOpenImage }: PartProps<"attachments">) {
  const images = part.items.filter((item) => item.kind === "image");
  const others = part.items.filter((item) => item.kind !== "image");
  const from = senderName === "You" ? "you" : senderName;
  return (
    <div className="flex flex-col gap-1.5">
      {images.length > 0 ? (
        <div className={`grid gap-1 ${images.length === 1 ? "grid-cols-1" : "grid-cols-2"}`}>
          {images.map((item) => (
            <button
              key={item.id}
              type="button"
              className="block overflow-hidden rounded-xl"
              aria-label={`${item.name} from ${from} (open full size)`}
              onClick={() => onOpenImage({ src: item.url, alt: item.name })}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- private attachment, any aspect ratio */}
              <img
                src={item.posterUrl ?? item.url}
                alt={item.name}
                width={item.width ?? undefined}
                height={item.height ?? undefined}
                loading="lazy"
                className="max-h-60 w-full object-cover sm:max-w-xs"
              />
            </button>
          ))}
        </div>
      ) : null}
      {others.map((item) => {
        if (item.kind === "video") {
          return (
            <figure key={item.id} className="overflow-hidden rounded-xl bg-black">
              <video
                controls
                preload="metadata"
                playsInline
                poster={item.posterUrl ?? undefined}
                src={item.url}
                aria-label={`Video ${item.name}`}
                className="max-h-72 w-full sm:max-w-xs"
              />
              <figcaption className="flex justify-between px-2 py-1 text-xs text-white/80">
                <span className="truncate">{item.name}</span>
                {item.durationMs !== null ? <span>{formatDuration(item.durationMs)}</span> : null}
              </figcaption>
            </figure>
          );
        }
        if (item.kind === "voice") return <VoiceNote key={item.id} item={item} message={message} mine={mine} />;
        if (item.kind === "audio") {
          return (
            <div key={item.id} className="flex flex-col gap-1 rounded-xl bg-black/5 p-2 text-xs dark:bg-white/10">
              <span className="truncate font-medium">
                {item.name}
                {item.durationMs !== null ? ` · ${formatDuration(item.durationMs)}` : ""}
              </span>
              <audio controls preload="metadata" src={item.url} aria-label={`Audio ${item.name}`} className="h-9 w-full min-w-56" />
            </div>
          );
        }
        const Icon = iconFor(item);
        return (
          <div key={item.id} className="flex min-w-56 items-center gap-2 rounded-xl bg-black/5 p-2 text-sm dark:bg-white/10">
            <Icon aria-hidden className="size-8 shrink-0" />
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{item.name}</p>
              <p className="text-xs opacity-70">{formatBytes(item.size)}</p>
            </div>
            <a href={`${item.url}?download=1`} download={item.name} className="icon-button size-8" aria-label={`Download ${item.name}`}>
              <Download aria-hidden className="size-4" />
            </a>
          </div>
        );
      })}
    </div>
  );
}
