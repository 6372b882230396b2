// Sending while files still upload (issue 14): the bubble shows each file's progress, the message
// waits for them and goes out once with the files that were stored (in the order picked); a refused
// file is handed back (to the composer, beside its error) and left out, a cancelled one is left out
// quietly, and a message left with nothing
// (no text, every file cancelled) is dropped without ever reaching the server.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import type { MessageDto } from "@/lib/chat/messages/dto";
import { createChatStore } from "@/lib/client/store";
import { withMessageSlices } from "@/lib/client/store/message-slices";
import { directSummary } from "@/tests/support/summaries";
import { ApiError, chatApi } from "./api";
import type { UploadInFlight } from "./attachments";
import { cancelUpload, createOptimisticMessage, sendMessage } from "./send";

const me: SafeUser = { id: "00000000-0000-7000-8000-000000000001", name: "Me", image: null };
const other: SafeUser = { id: "00000000-0000-7000-8000-000000000002", name: "Other", image: null };
const conversationId = "00000000-0000-7000-8000-0000000000c1";

const attachment = (id: string, name: string): AttachmentDto =>
  ({ id, name, size: 10, mimeType: "application/pdf", kind: "file", url: `/api/attachments/${id}` }) as AttachmentDto;

/** An upload the test settles by hand, like an XHR that finishes, is refused or is cancelled. */
function upload(name: string, after = 0) {
  let resolve!: (value: AttachmentDto) => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<AttachmentDto>((res, rej) => ([resolve, reject] = [res, rej]));
  let progress: (fraction: number) => void = () => {};
  const inFlight: UploadInFlight = {
    file: new File(["x"], name),
    name,
    size: 1000,
    progress: 0.1,
    after,
    done,
    abort: () => reject(new ApiError({ code: "aborted", message: "Upload cancelled." }, 0)),
    follow: (onProgress) => (progress = onProgress),
  };
  return { inFlight, resolve, reject, progress: (fraction: number) => progress(fraction) };
}

function setup() {
  const store = withMessageSlices(createChatStore(me, "postgresql", [directSummary(conversationId, me, other)]));
  const sent: { attachmentIds?: string[]; body: string | null }[] = [];
  vi.spyOn(chatApi, "send").mockImplementation(async (_id, input) => {
    sent.push(input);
    const message: MessageDto = {
      id: input.id,
      conversationId,
      body: input.body,
      image: null,
      createdAt: new Date().toISOString(),
      sender: me,
      seenBy: [me],
      deliveredTo: [],
    };
    return { message, created: true };
  });
  const held = (id: string) => store.getState().messages[conversationId]?.items.find((m) => m.id === id);
  return { store, sent, held };
}

afterEach(() => vi.restoreAllMocks());

describe("a message sent while its files upload", () => {
  it("shows the files' progress, waits, and goes out once with the stored ones in the order picked", async () => {
    const { store, sent, held } = setup();
    // Picked in this order: a.pdf, ready.pdf (already stored), b.pdf.
    const first = upload("a.pdf", 0);
    const second = upload("b.pdf", 1);
    const ready = attachment("00000000-0000-7000-8000-0000000000f0", "ready.pdf");
    const id = createOptimisticMessage(store, conversationId, "caption", null, null, [ready], [first.inFlight, second.inFlight]);
    const result = sendMessage(store, conversationId, id);

    expect(held(id)?.uploads).toEqual([
      { key: 0, name: "a.pdf", size: 1000, progress: 0.1 },
      { key: 1, name: "b.pdf", size: 1000, progress: 0.1 },
    ]);
    second.progress(0.5);
    expect(held(id)?.uploads?.[1]?.progress).toBe(0.5);
    expect(sent).toHaveLength(0);

    second.resolve(attachment("00000000-0000-7000-8000-0000000000f2", "b.pdf"));
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toHaveLength(0); // a.pdf is still on its way
    first.resolve(attachment("00000000-0000-7000-8000-0000000000f1", "a.pdf"));

    await expect(result).resolves.toEqual({ ok: true });
    expect(sent).toEqual([
      expect.objectContaining({
        body: "caption",
        attachmentIds: [
          "00000000-0000-7000-8000-0000000000f1",
          "00000000-0000-7000-8000-0000000000f0",
          "00000000-0000-7000-8000-0000000000f2",
        ],
      }),
    ]);
    expect(held(id)?.status).toBeUndefined();
    expect(held(id)?.uploads).toBeUndefined();
  });

  it("leaves out a refused file (named) and a cancelled one (quietly); the rest still goes", async () => {
    const { store, sent, held } = setup();
    const refused = upload("fake.png");
    const cancelled = upload("big.mov");
    const fine = upload("fine.pdf");
    const id = createOptimisticMessage(store, conversationId, null, null, null, [], [refused.inFlight, cancelled.inFlight, fine.inFlight]);
    const result = sendMessage(store, conversationId, id);
    refused.reject(new ApiError({ code: "unsupported_media_type", message: "The file does not match its .png name." }, 415));
    cancelUpload(id, 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(held(id)?.uploads?.map((file) => file.name)).toEqual(["fake.png", "fine.pdf"]); // it left the bubble at once
    fine.resolve(attachment("00000000-0000-7000-8000-0000000000f3", "fine.pdf"));

    await expect(result).resolves.toEqual({
      ok: true,
      dropped: [{ file: refused.inFlight.file, error: "The file does not match its .png name." }],
    });
    expect(sent).toEqual([expect.objectContaining({ attachmentIds: ["00000000-0000-7000-8000-0000000000f3"] })]);
  });

  it("drops a message left with nothing to send, without a request", async () => {
    const { store, sent, held } = setup();
    const only = upload("only.pdf");
    const id = createOptimisticMessage(store, conversationId, null, null, null, [], [only.inFlight]);
    const result = sendMessage(store, conversationId, id);
    expect(held(id)?.status).toBe("sending");
    cancelUpload(id, 0);
    await expect(result).resolves.toEqual({ ok: false, cancelled: true });
    expect(held(id)).toBeUndefined();
    expect(sent).toHaveLength(0);
  });
});
