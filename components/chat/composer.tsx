"use client";
// The composer: multi-line text (Enter sends, Shift+Enter adds a line; with enter-to-send off in my
// settings, Ctrl/Cmd+Enter sends), one image attached by the
// button, by pasting or by dropping it on the conversation; typing notifications while typing.
import { ImagePlus, Paperclip, Pencil, Reply, SendHorizontal, X } from "lucide-react";
import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState } from "react";
import { notify } from "@/lib/client/notify";
import type { ComposerIntent } from "@/lib/client/store";
import { createTypingNotifier, type TypingNotifier } from "@/lib/realtime/typing";
import { MentionSuggestions, useMentions, type Mentionable } from "./mention-suggestions";
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import type { RefusedUpload, UploadInFlight } from "@/lib/client/attachments";
import { AttachmentTray, limitsText, useAttachmentTray } from "./attachment-tray";
import { VoiceRecorder } from "./voice-recorder";

export const ACCEPTED_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
export const MAX_IMAGE_MB = 5;

export interface ComposerHandle {
  attach(file: File): void;
  /** Files for the tray (issue 14): each uploads at once. */
  attachFiles(files: File[]): void;
  focus(): void;
  /** Puts `text` in the box (replacing what was typed) and focuses it; nothing is sent. */
  insert(text: string): void;
  /** Files a sent message had to leave out (refused while it waited): back in the tray beside their errors. */
  restoreFiles(refused: RefusedUpload[]): void;
}

interface Props {
  /** `uploads`: files still uploading, which the message waits for (issue 14). */
  onSend: (body: string | null, file: File | null, attachments: AttachmentDto[], uploads: UploadInFlight[]) => void;
  onTyping: (typing: boolean) => void;
  conversationName: string;
  /** MESSAGE_LIMITS.messageBodyMax, passed down from the server page. */
  messageBodyMax: number;
  /** Who "@" suggests (the other members of a group); none in a 1:1. */
  mentionables?: Mentionable[];
  /** Replying to a message or editing one of mine (message actions); null for a new message. */
  intent?: ComposerIntent | null;
  onCancelIntent?: () => void;
  /** How a message's sender is named ("You" for mine). */
  nameOf?: (user: { id: string; name: string | null }) => string;
  /** My setting (issue 15): Enter sends; off: Enter adds a line and Ctrl/Cmd+Enter sends. */
  enterToSend?: boolean;
}

export function acceptImage(file: File): string | null {
  if (!ACCEPTED_IMAGE_TYPES.includes(file.type)) return "Only PNG, JPEG, GIF and WebP images can be sent.";
  if (file.size > MAX_IMAGE_MB * 1024 * 1024) return `Images can be at most ${MAX_IMAGE_MB} MB.`;
  return null;
}

export const Composer = forwardRef<ComposerHandle, Props>(function Composer(
  {
    onSend,
    onTyping,
    conversationName,
    messageBodyMax,
    mentionables,
    intent = null,
    onCancelIntent,
    nameOf = (u) => u.name ?? "Parley user",
    enterToSend = true,
  },
  ref,
) {
  const [text, setText] = useState("");
  const [file, setFile] = useState<{ file: File; url: string } | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const tray = useAttachmentTray();
  const { loadLimits } = tray;
  useEffect(() => loadLimits(), [loadLimits]);
  const attachFiles = (files: File[]) => {
    const left = tray.add(files);
    if (left > 0) notify.error(`At most ${tray.limits?.perMessage ?? 10} files per message: ${left} not added.`);
  };
  const notifier = useRef<TypingNotifier | null>(null);
  const ids = useId();
  const onTypingRef = useRef(onTyping);
  const mention = useMentions(mentionables);

  useEffect(() => {
    onTypingRef.current = onTyping;
  }, [onTyping]);

  useEffect(() => {
    const n = createTypingNotifier((payload) => onTypingRef.current(payload.typing));
    notifier.current = n;
    return () => {
      n.stop();
      n.dispose();
    };
  }, []);

  useEffect(
    () => () => {
      if (file) URL.revokeObjectURL(file.url);
    },
    [file],
  );

  const attach = (candidate: File) => {
    const problem = acceptImage(candidate);
    if (problem) {
      notify.error(problem);
      return;
    }
    setFile({ file: candidate, url: URL.createObjectURL(candidate) });
    textarea.current?.focus();
  };

  useImperativeHandle(ref, () => ({
    attach,
    attachFiles,
    focus: () => textarea.current?.focus(),
    restoreFiles: (refused) => tray.restore(refused),
    insert: (inserted: string) => {
      setText(inserted.slice(0, messageBodyMax));
      textarea.current?.focus();
    },
  }));

  // A reply or an edit starts: focus the box; an edit starts from the message's text.
  const editing = intent?.kind === "edit";
  const intentKey = intent ? `${intent.kind}:${intent.message.id}` : null;
  const [startedIntent, setStartedIntent] = useState<string | null>(null);
  if (intentKey !== startedIntent) {
    setStartedIntent(intentKey);
    if (intent?.kind === "edit") setText(intent.message.body ?? "");
    else if (startedIntent?.startsWith("edit:")) setText("");
  }
  useEffect(() => {
    if (intentKey) textarea.current?.focus();
  }, [intentKey]);

  const tooLong = text.length > messageBodyMax;
  const canSend = editing ? text.trim().length > 0 && !tooLong : (text.trim().length > 0 || file !== null || tray.ready) && !tooLong;

  const send = () => {
    if (!canSend) return;
    const { attachments, uploads } = editing ? { attachments: [], uploads: [] } : tray.take();
    onSend(text.trim() ? mention.toBody(text.trim()) : null, editing ? null : (file?.file ?? null), attachments, uploads);
    mention.close();
    setText("");
    if (!editing) setFile(null);
    notifier.current?.stop();
    textarea.current?.focus();
  };

  const chooseMention = (user: Mentionable) => {
    const el = textarea.current;
    const caret = el?.selectionStart ?? text.length;
    const next = mention.pick(text, caret, user);
    setText(next.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      className="border-t border-neutral-200 bg-white px-3 py-2 dark:border-neutral-800 dark:bg-neutral-950"
    >
      {intent ? (
        <div className="mb-2 flex items-start gap-2 rounded-xl border-l-4 border-sky-600 bg-neutral-100 px-3 py-1.5 dark:bg-neutral-900">
          {editing ? <Pencil aria-hidden className="mt-0.5 size-4 shrink-0" /> : <Reply aria-hidden className="mt-0.5 size-4 shrink-0" />}
          <div className="min-w-0 flex-1 text-xs">
            <p className="font-semibold">{editing ? "Editing message" : `Replying to ${nameOf(intent.message.sender)}`}</p>
            <p className="truncate text-neutral-600 dark:text-neutral-400">
              {intent.message.body ?? (intent.message.image ? "Photo" : "")}
            </p>
          </div>
          <button
            type="button"
            className="icon-button size-7"
            aria-label={editing ? "Cancel editing" : "Cancel reply"}
            onClick={() => {
              onCancelIntent?.();
              textarea.current?.focus();
            }}
          >
            <X aria-hidden className="size-4" />
          </button>
        </div>
      ) : null}
      {file ? (
        <div className="mb-2 flex items-center gap-2">
          <div className="relative">
            {/* eslint-disable-next-line @next/next/no-img-element -- local preview (object URL) */}
            <img src={file.url} alt={`Attached image ${file.file.name}`} className="size-16 rounded-lg object-cover" />
            <button
              type="button"
              onClick={() => setFile(null)}
              aria-label="Remove attached image"
              className="absolute -top-2 -right-2 inline-flex size-6 items-center justify-center rounded-full bg-neutral-800 text-white hover:bg-neutral-700"
            >
              <X aria-hidden className="size-3.5" />
            </button>
          </div>
          <span className="truncate text-xs text-neutral-600 dark:text-neutral-400">{file.file.name}</span>
        </div>
      ) : null}
      {editing ? null : <AttachmentTray tray={tray} />}
      {mention.open ? (
        <MentionSuggestions
          suggestions={mention.suggestions}
          active={mention.active}
          listId={mention.listId}
          optionId={mention.optionId}
          onChoose={chooseMention}
        />
      ) : null}
      <div className="flex items-end gap-2">
        <button
          type="button"
          className="icon-button"
          aria-label="Attach image"
          title={editing ? "An edit cannot change attachments" : "Attach image"}
          disabled={editing}
          onClick={() => fileInput.current?.click()}
        >
          <ImagePlus aria-hidden className="size-5" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Attach files"
          aria-describedby={`${ids}-limits`}
          title={editing ? "An edit cannot change attachments" : limitsText(tray.limits)}
          disabled={editing}
          onClick={() => filesInput.current?.click()}
        >
          <Paperclip aria-hidden className="size-5" />
        </button>
        <VoiceRecorder disabled={editing} onRecorded={(recording) => tray.add([recording], true)} />
        <input
          ref={filesInput}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          aria-hidden
          data-testid="attach-files-input"
          onChange={(e) => {
            const chosen = Array.from(e.target.files ?? []);
            if (chosen.length > 0) attachFiles(chosen);
            e.target.value = "";
          }}
        />
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPTED_IMAGE_TYPES.join(",")}
          hidden
          tabIndex={-1}
          aria-hidden
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) attach(chosen);
            e.target.value = "";
          }}
        />
        <label htmlFor={`${ids}-message`} className="sr-only">
          {`Message ${conversationName}`}
        </label>
        <textarea
          ref={textarea}
          id={`${ids}-message`}
          rows={1}
          value={text}
          placeholder="Message"
          aria-describedby={tooLong ? `${ids}-too-long` : `${ids}-hint`}
          aria-invalid={tooLong || undefined}
          {...mention.inputProps}
          onChange={(e) => {
            setText(e.target.value);
            mention.track(e.target.value, e.target.selectionStart);
            if (e.target.value) notifier.current?.keystroke();
            else notifier.current?.stop();
          }}
          onBlur={() => {
            notifier.current?.stop();
            mention.close();
          }}
          onSelect={(e) => mention.track(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={(e) => {
            if (mention.onKeyDown(e, chooseMention)) return;
            const sends = enterToSend ? !e.shiftKey : e.ctrlKey || e.metaKey;
            if (e.key === "Enter" && sends && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            } else if (e.key === "Escape" && intent) {
              e.preventDefault();
              onCancelIntent?.();
            }
          }}
          onPaste={(e) => {
            const files = Array.from(e.clipboardData.files);
            if (files.length === 0 || editing) return;
            e.preventDefault();
            // One image: the message image, as before; anything else (or several): the files tray.
            if (files.length === 1 && files[0]!.type.startsWith("image/")) attach(files[0]!);
            else attachFiles(files);
          }}
          className="max-h-40 min-h-10 flex-1 resize-none rounded-2xl border border-neutral-300 bg-neutral-50 px-4 py-2 text-[0.95rem] outline-none [field-sizing:content] focus:border-sky-500 focus:ring-2 focus:ring-sky-500/40 dark:border-neutral-700 dark:bg-neutral-900"
        />
        <button
          type="submit"
          disabled={!canSend}
          aria-label={editing ? "Save edit" : "Send message"}
          title={enterToSend ? "Send (Enter)" : "Send (Ctrl+Enter)"}
          className="inline-flex size-10 shrink-0 items-center justify-center rounded-full bg-sky-700 text-white transition hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-neutral-300 dark:disabled:bg-neutral-700"
        >
          <SendHorizontal aria-hidden className="size-5" />
        </button>
      </div>
      <p id={`${ids}-limits`} className="sr-only">
        {limitsText(tray.limits)}
      </p>
      <p id={`${ids}-hint`} className="sr-only">
        {enterToSend
          ? "Enter sends, Shift+Enter adds a new line. You can paste or drop an image."
          : "Ctrl+Enter sends, Enter adds a new line. You can paste or drop an image."}
      </p>
      {tooLong ? (
        <p id={`${ids}-too-long`} role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
          {`Messages can be at most ${messageBodyMax} characters (${text.length} now).`}
        </p>
      ) : null}
    </form>
  );
});
