// The files of my message still uploading (issue 14): the message was sent from the composer before
// they finished, so its bubble shows each one's progress with a cancel; it goes out once they settle.
import { Loader2, X } from "lucide-react";
import { formatBytes } from "@/lib/chat/attachments/limits";
import { cancelUpload } from "@/lib/client/send";
import type { UiMessage } from "@/lib/client/store";

export function UploadsPart({ message }: { message: UiMessage }) {
  if (!message.uploads?.length) return null;
  return (
    <ul aria-label="Files uploading" className="flex min-w-56 flex-col gap-1">
      {message.uploads.map((upload) => {
        const percent = Math.round(upload.progress * 100);
        return (
          <li key={upload.key} className="flex items-center gap-2 rounded-xl bg-black/5 p-2 text-xs dark:bg-white/10">
            <Loader2 aria-hidden className="size-4 shrink-0 animate-spin" />
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">
                {upload.name} <span className="font-normal opacity-70">{formatBytes(upload.size)}</span>
              </p>
              <div
                role="progressbar"
                aria-label={`Uploading ${upload.name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                className="mt-1 h-1.5 overflow-hidden rounded-full bg-black/15 dark:bg-white/20"
              >
                <div className="h-full bg-current transition-[width]" style={{ width: `${percent}%` }} />
              </div>
            </div>
            <button
              type="button"
              className="icon-button size-7"
              aria-label={`Cancel upload of ${upload.name}`}
              onClick={() => cancelUpload(message.id, upload.key)}
            >
              <X aria-hidden className="size-4" />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
