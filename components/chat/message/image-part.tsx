// A message's image: the thumbnail (or the local preview while it uploads, with progress); a click
// opens the full-size viewer.
import { thumbnailOf } from "@/lib/client/uploads";
import type { PartProps } from "./types";

export function ImagePart({ part, message, senderName, onOpenImage }: PartProps<"image">) {
  const imageSrc = message.localImage ?? thumbnailOf(part.url) ?? part.url;
  const alt = `Image from ${senderName === "You" ? "you" : senderName}`;
  return (
    <div className="relative overflow-hidden rounded-2xl">
      <button type="button" onClick={() => onOpenImage({ src: part.url, alt })} className="block" aria-label={`${alt} (open full size)`}>
        {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails of uploads, any aspect ratio */}
        <img src={imageSrc} alt={alt} className="max-h-72 max-w-full rounded-2xl object-cover sm:max-w-xs" />
      </button>
      {message.status === "sending" && message.progress !== undefined && message.progress < 1 ? (
        <div className="absolute inset-x-2 bottom-2">
          <div
            role="progressbar"
            aria-label="Uploading image"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(message.progress * 100)}
            className="h-1.5 overflow-hidden rounded-full bg-black/30"
          >
            <div className="h-full bg-white transition-[width]" style={{ width: `${Math.round(message.progress * 100)}%` }} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
