// fetchConversation's guarantee: a summary read before an event about that chat arrived never undoes
// the event (CI saw it: an unpin arriving while the page's subscribe-time read was on its way came
// back as pinned).
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import type { Pin } from "@/lib/chat/pins/dto";
import { createChatStore } from "@/lib/client/store";
import { withMessageSlices } from "@/lib/client/store/message-slices";
import { directSummary } from "@/tests/support/summaries";

const answers: Array<(value: { conversation: ConversationSummary }) => void> = [];
vi.mock("@/lib/client/api", () => ({
  chatApi: {
    getConversation: () => new Promise((resolve) => answers.push(resolve)),
  },
}));
const { fetchConversation } = await import("./sync");

const me: SafeUser = { id: "00000000-0000-7000-8000-000000000001", name: "Me", image: null };
const other: SafeUser = { id: "00000000-0000-7000-8000-000000000002", name: "Other", image: null };
const id = "00000000-0000-7000-8000-0000000000c1";
const pin = { message: { id: "00000000-0000-7000-8000-00000000000a" } } as unknown as Pin;

afterEach(() => {
  answers.length = 0;
});

const answered = () => vi.waitFor(() => expect(answers.length).toBeGreaterThan(0));

describe("fetchConversation", () => {
  it("stores the answer when nothing changed during the read", async () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [directSummary(id, me, other, { pins: [pin] })]));
    const done = fetchConversation(store, id);
    await answered();
    answers.shift()!({ conversation: directSummary(id, me, other, { pins: [] }) });
    await done;
    expect(store.getState().conversations[id]!.pins).toEqual([]);
  });

  it("an event during the read wins over the older answer: the read is repeated", async () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [directSummary(id, me, other, { pins: [pin] })]));
    const done = fetchConversation(store, id);
    await answered();
    store.getState().applyPins(id, []); // the unpin event arrives while the read is on its way
    answers.shift()!({ conversation: directSummary(id, me, other, { pins: [pin] }) }); // read before the unpin
    expect(store.getState().conversations[id]!.pins).toEqual([]);
    await answered(); // read again
    answers.shift()!({ conversation: directSummary(id, me, other, { pins: [] }) });
    await done;
    expect(store.getState().conversations[id]!.pins).toEqual([]);
  });

  it("a chat that keeps changing is read again until one read is undisturbed (a burst of events)", async () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [directSummary(id, me, other, { pins: [pin] })]));
    const done = fetchConversation(store, id);
    for (let event = 0; event < 4; event++) {
      await answered();
      store.getState().applyPins(id, event % 2 === 0 ? [] : [pin]); // another event during this read
      answers.shift()!({ conversation: directSummary(id, me, other, { pins: [pin] }) });
    }
    await answered();
    answers.shift()!({ conversation: directSummary(id, me, other, { pins: [], name: "settled" }) });
    await done;
    expect(store.getState().conversations[id]).toMatchObject({ pins: [], name: "settled" });
  });
});

describe("the open chat's channel goes live (pins capability)", () => {
  const goesLive = async (store: ReturnType<typeof withMessageSlices>) => {
    const { createDispatcher, PUSHER_EVENTS } = await import("./dispatcher");
    const { pins } = await import("./pins");
    createDispatcher({ store, meId: me.id }, [pins]).dispatch("conversation", PUSHER_EVENTS.subscribed, {}, { conversationId: id });
  };
  afterEach(() => vi.unstubAllGlobals());

  it("reads the chat again even before its view marked it active (a page load: the URL names it)", async () => {
    vi.stubGlobal("location", { pathname: `/chat/${id}` });
    const store = withMessageSlices(createChatStore(me, "postgresql", [directSummary(id, me, other, { pins: [pin] })]));
    expect(store.getState().activeId).toBeNull();
    await goesLive(store);
    await answered();
    answers.shift()!({ conversation: directSummary(id, me, other, { pins: [] }) }); // unpinned while the page loaded
    await vi.waitFor(() => expect(store.getState().conversations[id]!.pins).toEqual([]));
  });

  it("does not read a chat that is not open", async () => {
    vi.stubGlobal("location", { pathname: "/chat" });
    const store = withMessageSlices(createChatStore(me, "postgresql", [directSummary(id, me, other, { pins: [pin] })]));
    await goesLive(store);
    store.getState().setActive("00000000-0000-7000-8000-0000000000c2");
    vi.stubGlobal("location", { pathname: `/chat/${id}` }); // another chat is active: the store says so
    await goesLive(store);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answers).toHaveLength(0);
  });
});
