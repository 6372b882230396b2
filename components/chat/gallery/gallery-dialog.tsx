"use client";
// A conversation's gallery (issue 14): tabs Media / Files / Links / Voice, newest first, a page at a
// time ("Show more": keyset cursors of GET /api/conversations/{id}/attachments and …/links). A picture
// or video opens in the viewer at the top of the dialog, which steps between the chat's pictures and
// videos (Older / Newer buttons, ← →, a swipe); files download; voice notes play in place; links
// open in a new tab. "Show in chat" jumps to the message an item came with.
import * as Dialog from "@radix-ui/react-dialog";
import { ChevronLeft, ChevronRight, Download, MessageSquare, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Modal } from "@/components/ui/modal";
import type { LazyDialogState } from "@/components/ui/lazy-dialog-trigger";
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import type { LinkItem } from "@/lib/chat/links/reads";
import { formatBytes, formatDuration } from "@/lib/chat/attachments/limits";
import { request } from "@/lib/client/api";
import { useMessageStoreApi } from "@/lib/client/store/message-slices";

type Tab = "media" | "files" | "links" | "voice";
const TABS: { id: Tab; label: string }[] = [
  { id: "media", label: "Media" },
  { id: "files", label: "Files" },
  { id: "links", label: "Links" },
  { id: "voice", label: "Voice" },
];
type FileItem = AttachmentDto & { messageId: string; sentAt: string };
type Page<T> = { items: T[]; nextCursor: string | null };
/** A horizontal move this long (px) is a swipe, not a tap. */
const SWIPE_PX = 48;

const GALLERY_TITLE = "Media, links and files";

export default function GalleryDialog({ open, onOpenChange, trigger, conversationId }: LazyDialogState & { conversationId: string }) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} returnFocusTo={trigger} className="flex max-h-[85dvh] max-w-lg flex-col">
      <div className="mb-1 flex items-center justify-between">
        <Dialog.Title className="text-lg font-semibold">{GALLERY_TITLE}</Dialog.Title>
        <Dialog.Close className="icon-button" aria-label="Close">
          <X aria-hidden className="size-5" />
        </Dialog.Close>
      </div>
      <Dialog.Description className="sr-only">What was shared in this chat, newest first.</Dialog.Description>
      {open ? <Gallery conversationId={conversationId} onDone={() => onOpenChange(false)} /> : null}
    </Modal>
  );
}

function Gallery({ conversationId, onDone }: { conversationId: string; onDone: () => void }) {
  const store = useMessageStoreApi();
  const [tab, setTab] = useState<Tab>("media");
  const [files, setFiles] = useState<FileItem[]>([]);
  const [links, setLinks] = useState<LinkItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [viewing, setViewing] = useState<number | null>(null);

  const fetchPage = (which: Tab, after: string | null): Promise<Page<FileItem | LinkItem>> => {
    const query = new URLSearchParams(after ? { cursor: after } : {});
    if (which !== "links") query.set("tab", which);
    const base = `/api/conversations/${encodeURIComponent(conversationId)}/${which === "links" ? "links" : "attachments"}`;
    return request<Page<FileItem | LinkItem>>("GET", `${base}?${query.toString()}`).catch(() => ({ items: [], nextCursor: null }));
  };
  const take = (which: Tab, page: Page<FileItem | LinkItem>, append: boolean) => {
    if (which === "links") setLinks((held) => [...(append ? held : []), ...(page.items as LinkItem[])]);
    else setFiles((held) => [...(append ? held : []), ...(page.items as FileItem[])]);
    setCursor(page.nextCursor);
    setLoading(false);
  };
  useEffect(() => {
    let live = true;
    void fetchPage(tab, null).then((page) => live && take(tab, page, false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a tab change starts a fresh list
  }, [tab]);
  const more = () => {
    setLoading(true);
    const which = tab;
    return fetchPage(which, cursor).then((page) => take(which, page, true));
  };
  const showInChat = (messageId: string) => {
    store.getState().requestJump(conversationId, messageId);
    onDone();
  };
  const count = tab === "links" ? links.length : files.length;

  return (
    <div className="flex min-h-0 flex-col gap-2">
      <div role="tablist" aria-label="Gallery" className="flex gap-1">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className="rounded-full px-3 py-1 text-sm aria-selected:bg-sky-700 aria-selected:text-white"
            onClick={() => {
              setViewing(null);
              setFiles([]);
              setLinks([]);
              setCursor(null);
              setLoading(true);
              setTab(t.id);
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      {viewing !== null && files[viewing] ? (
        <Viewer
          items={files}
          index={viewing}
          onStep={(next) => {
            if (next >= files.length && cursor && !loading) void more().then(() => setViewing(next));
            else if (next >= 0 && next < files.length) setViewing(next);
          }}
          hasOlder={viewing < files.length - 1 || cursor !== null}
          onClose={() => setViewing(null)}
          onShowInChat={showInChat}
        />
      ) : null}
      <div role="tabpanel" aria-label={TABS.find((t) => t.id === tab)!.label} className="min-h-0 overflow-y-auto">
        {count === 0 && !loading ? <p className="py-6 text-center text-sm text-neutral-500">Nothing shared yet.</p> : null}
        {tab === "media" ? (
          <ul className="grid grid-cols-3 gap-1">
            {files.map((item, index) => (
              <li key={item.id}>
                <button
                  type="button"
                  className="block aspect-square w-full overflow-hidden rounded-lg bg-neutral-200"
                  aria-label={`Open ${item.name}`}
                  onClick={() => setViewing(index)}
                >
                  {item.kind === "image" || item.posterUrl ? (
                    // eslint-disable-next-line @next/next/no-img-element -- private attachment or its poster
                    <img src={item.posterUrl ?? item.url} alt="" loading="lazy" className="size-full object-cover" />
                  ) : (
                    <span className="text-xs">{item.name}</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        ) : tab === "links" ? (
          <ul aria-label="Links" className="flex flex-col gap-1">
            {links.map((link) => (
              <li key={link.id} className="flex items-center gap-2 rounded-lg bg-neutral-100 p-2 text-sm dark:bg-neutral-900">
                <a href={link.url} target="_blank" rel="noopener noreferrer nofollow" className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{link.host}</span>
                  <span className="block truncate text-xs text-sky-700 dark:text-sky-400">{link.url}</span>
                </a>
                <ShowInChat label={`Show ${link.host} in chat`} onClick={() => showInChat(link.messageId)} />
              </li>
            ))}
          </ul>
        ) : (
          <ul className="flex flex-col gap-1">
            {files.map((item) => (
              <li key={item.id} className="flex items-center gap-2 rounded-lg bg-neutral-100 p-2 text-sm dark:bg-neutral-900">
                {item.kind === "voice" ? (
                  <audio
                    controls
                    preload="metadata"
                    src={item.url}
                    aria-label={`Voice message${item.durationMs !== null ? `, ${formatDuration(item.durationMs)}` : ""}`}
                    className="h-9 w-full"
                  />
                ) : (
                  <>
                    <span className="min-w-0 flex-1 truncate">{item.name}</span>
                    <span className="text-xs text-neutral-500">{formatBytes(item.size)}</span>
                    <a
                      href={`${item.url}?download=1`}
                      download={item.name}
                      className="icon-button size-8"
                      aria-label={`Download ${item.name}`}
                    >
                      <Download aria-hidden className="size-4" />
                    </a>
                  </>
                )}
                <ShowInChat
                  label={`Show ${item.kind === "voice" ? "voice message" : item.name} in chat`}
                  onClick={() => showInChat(item.messageId)}
                />
              </li>
            ))}
          </ul>
        )}
        {cursor ? (
          <button
            type="button"
            className="mt-2 w-full rounded-lg py-1.5 text-sm text-sky-700"
            disabled={loading}
            onClick={() => void more()}
          >
            Show more
          </button>
        ) : null}
      </div>
    </div>
  );
}

function ShowInChat({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="icon-button size-8 shrink-0" aria-label={label} onClick={onClick}>
      <MessageSquare aria-hidden className="size-4" />
    </button>
  );
}

/** One picture or video; the list is newest first, so "Older" is the next index. */
function Viewer({
  items,
  index,
  hasOlder,
  onStep,
  onClose,
  onShowInChat,
}: {
  items: FileItem[];
  index: number;
  hasOlder: boolean;
  onStep: (index: number) => void;
  onClose: () => void;
  onShowInChat: (messageId: string) => void;
}) {
  const item = items[index]!;
  const swipeFrom = useRef<number | null>(null);
  const older = () => onStep(index + 1);
  const newer = () => onStep(index - 1);
  return (
    <figure
      aria-label={`Viewing ${item.name}`}
      aria-roledescription="carousel"
      tabIndex={-1}
      className="relative touch-pan-y rounded-xl bg-black outline-none"
      onKeyDown={(event) => {
        if (event.key === "ArrowLeft" && hasOlder) older();
        if (event.key === "ArrowRight" && index > 0) newer();
      }}
      onPointerDown={(event) => {
        swipeFrom.current = event.clientX;
      }}
      onPointerUp={(event) => {
        const from = swipeFrom.current;
        swipeFrom.current = null;
        if (from === null) return;
        // Chronological, left to right: dragging to the right brings the older one in.
        if (event.clientX - from > SWIPE_PX && hasOlder) older();
        if (from - event.clientX > SWIPE_PX && index > 0) newer();
      }}
    >
      {item.kind === "video" ? (
        <video
          key={item.id}
          controls
          autoPlay
          muted
          src={item.url}
          poster={item.posterUrl ?? undefined}
          className="max-h-80 w-full"
          aria-label={`Video ${item.name}`}
        />
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- private attachment
        <img key={item.id} src={item.url} alt={item.name} draggable={false} className="max-h-80 w-full object-contain select-none" />
      )}
      <figcaption
        className="sr-only"
        aria-live="polite"
      >{`${index + 1} of ${items.length}${hasOlder && index === items.length - 1 ? "+" : ""}`}</figcaption>
      <button
        type="button"
        className="icon-button absolute top-1/2 left-1 -translate-y-1/2 bg-black/50 text-white disabled:opacity-30"
        aria-label="Older"
        disabled={!hasOlder}
        onClick={older}
      >
        <ChevronLeft aria-hidden className="size-5" />
      </button>
      <button
        type="button"
        className="icon-button absolute top-1/2 right-1 -translate-y-1/2 bg-black/50 text-white disabled:opacity-30"
        aria-label="Newer"
        disabled={index === 0}
        onClick={newer}
      >
        <ChevronRight aria-hidden className="size-5" />
      </button>
      <div className="absolute top-1 right-1 flex gap-1">
        <button
          type="button"
          className="icon-button bg-black/50 text-white"
          aria-label="Show in chat"
          onClick={() => onShowInChat(item.messageId)}
        >
          <MessageSquare aria-hidden className="size-4" />
        </button>
        <button type="button" className="icon-button bg-black/50 text-white" aria-label="Close viewer" onClick={onClose}>
          <X aria-hidden className="size-4" />
        </button>
      </div>
    </figure>
  );
}
