"use client";
// The composer's files (issue 14): each picked, dropped or pasted file uploads at once with its own
// progress bar, can be cancelled (the upload stops; a stored one is discarded) and retried, and
// shows its refusal (type, size, quota…) beside it. Sending while files still upload hands them to
// the message: its bubble shows their progress and it goes out once they finish (lib/client/send.ts).
// The limits are shown before anything uploads.
import { FileText, RotateCw, X } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import { formatBytes, type AttachmentLimits } from "@/lib/chat/attachments/limits";
import {
  attachmentLimits,
  discardAttachment,
  uploadAttachment,
  type AttachmentUpload,
  type RefusedUpload,
  type UploadInFlight,
} from "@/lib/client/attachments";

export interface TrayItem {
  key: number;
  file: File;
  /** Recorded in the composer: uploaded as a voice note. */
  voice?: boolean;
  status: "uploading" | "done" | "failed";
  progress: number;
  error?: string;
  attachment?: AttachmentDto;
  upload?: AttachmentUpload;
}

export function limitsText(limits: AttachmentLimits | null): string {
  if (!limits) return "Up to 10 files per message.";
  const { maxBytes: m } = limits;
  return `Up to ${limits.perMessage} files: images up to ${formatBytes(m.image)}, videos ${formatBytes(m.video)}, other files ${formatBytes(m.file)}. Your storage: ${formatBytes(limits.usedBytes)} of ${formatBytes(limits.quotaBytes)} used.`;
}

export function useAttachmentTray() {
  const [items, setItems] = useState<TrayItem[]>([]);
  const [limits, setLimits] = useState<AttachmentLimits | null>(null);
  const next = useRef(0);
  /** Where the progress of a file handed to a message goes (its bubble), by tray key. */
  const handedOff = useRef(new Map<number, (fraction: number) => void>());
  const live = useRef(items);
  useEffect(() => {
    live.current = items;
  }, [items]);

  const loadLimits = useCallback(() => {
    void attachmentLimits()
      .then(setLimits)
      .catch(() => undefined);
  }, []);

  const patch = (key: number, change: Partial<TrayItem>) =>
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const start = useCallback((key: number, file: File, voice = false) => {
    const upload = uploadAttachment(
      file,
      (progress) => {
        const follower = handedOff.current.get(key);
        if (follower) follower(progress);
        else patch(key, { progress });
      },
      { voice },
    );
    patch(key, { status: "uploading", progress: 0, error: undefined, upload });
    upload.done.then(
      (attachment) => patch(key, { status: "done", attachment, progress: 1, upload: undefined }),
      (error: Error & { code?: string }) => {
        if (error.code === "aborted") return;
        patch(key, { status: "failed", error: error.message, upload: undefined });
      },
    );
  }, []);

  const add = useCallback(
    (files: File[], voice = false) => {
      const room = (limits?.perMessage ?? 10) - live.current.length;
      const taken = files.slice(0, Math.max(0, room));
      const added = taken.map((file): TrayItem => ({ key: next.current++, file, voice, status: "uploading", progress: 0 }));
      setItems((all) => [...all, ...added]);
      added.forEach((item) => start(item.key, item.file, voice));
      return files.length - taken.length;
    },
    [limits, start],
  );

  /** Files refused after their message took them (lib/client/send.ts): back here, each beside its error, to retry or remove. */
  const restore = useCallback((refused: RefusedUpload[]) => {
    const back = refused.map(({ file, voice, error }): TrayItem => ({
      key: next.current++,
      file,
      ...(voice ? { voice } : {}),
      status: "failed",
      progress: 0,
      error,
    }));
    setItems((all) => [...all, ...back]);
  }, []);

  const remove = useCallback((key: number) => {
    const item = live.current.find((i) => i.key === key);
    item?.upload?.abort();
    if (item?.attachment) discardAttachment(item.attachment.id);
    setItems((all) => all.filter((i) => i.key !== key));
  }, []);

  const retry = useCallback(
    (key: number) => {
      const item = live.current.find((i) => i.key === key);
      if (item) start(key, item.file, item.voice);
    },
    [start],
  );

  /**
   * What the message sends: the finished files, and those still uploading (the message takes them
   * over). The tray empties; failed ones are dropped with it.
   */
  const take = useCallback((): { attachments: AttachmentDto[]; uploads: UploadInFlight[] } => {
    const attachments: AttachmentDto[] = [];
    const uploads: UploadInFlight[] = [];
    for (const item of live.current) {
      if (item.attachment) attachments.push(item.attachment);
      else if (item.status === "uploading" && item.upload)
        uploads.push({
          ...item.upload,
          file: item.file,
          ...(item.voice ? { voice: true } : {}),
          name: item.file.name,
          size: item.file.size,
          progress: item.progress,
          after: attachments.length,
          follow: (onProgress) => handedOff.current.set(item.key, onProgress),
        });
    }
    // Not this tray's any more: leaving the chat must not cancel or discard them.
    live.current = [];
    setItems([]);
    return { attachments, uploads };
  }, []);

  // Leaving the chat with files not sent: discard them.
  useEffect(
    () => () => {
      for (const item of live.current) {
        item.upload?.abort();
        if (item.attachment) discardAttachment(item.attachment.id);
      }
    },
    [],
  );

  return {
    items,
    limits,
    loadLimits,
    add,
    remove,
    retry,
    take,
    restore,
    uploading: items.some((i) => i.status === "uploading"),
    /** Something the message can carry: a finished file or one still uploading. */
    ready: items.some((i) => i.status === "done" || i.status === "uploading"),
  };
}

export function AttachmentTray({ tray }: { tray: ReturnType<typeof useAttachmentTray> }) {
  if (tray.items.length === 0) return null;
  return (
    <ul aria-label="Files to send" className="mb-2 flex flex-col gap-1.5">
      {tray.items.map((item) => (
        <li
          key={item.key}
          className="flex items-center gap-2 rounded-lg bg-neutral-100 px-2 py-1.5 text-xs dark:bg-neutral-900"
          aria-label={item.file.name}
        >
          <FileText aria-hidden className="size-4 shrink-0" />
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium">
              {item.file.name} <span className="font-normal text-neutral-500">{formatBytes(item.file.size)}</span>
            </p>
            {item.status === "uploading" ? (
              <div
                role="progressbar"
                aria-label={`Uploading ${item.file.name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(item.progress * 100)}
                className="mt-1 h-1.5 overflow-hidden rounded-full bg-neutral-300 dark:bg-neutral-700"
              >
                <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${Math.round(item.progress * 100)}%` }} />
              </div>
            ) : item.status === "failed" ? (
              <p role="alert" className="text-red-600 dark:text-red-400">
                {item.error}
              </p>
            ) : (
              <p className="text-emerald-700 dark:text-emerald-400">Ready</p>
            )}
          </div>
          {item.status === "failed" ? (
            <button
              type="button"
              className="icon-button size-7"
              aria-label={`Retry ${item.file.name}`}
              onClick={() => tray.retry(item.key)}
            >
              <RotateCw aria-hidden className="size-4" />
            </button>
          ) : null}
          <button
            type="button"
            className="icon-button size-7"
            aria-label={item.status === "uploading" ? `Cancel upload of ${item.file.name}` : `Remove ${item.file.name}`}
            onClick={() => tray.remove(item.key)}
          >
            <X aria-hidden className="size-4" />
          </button>
        </li>
      ))}
    </ul>
  );
}
