// Calls (issue 18) in two browser contexts with Chromium's fake camera and microphone: a video call
// rings, connects, and RTCPeerConnection.getStats() shows inbound audio and video bytes growing on
// both sides; mute stops outbound audio bytes; hang-up ends it for everyone; decline and missed
// calls reach the caller and the call log; a screen share reaches the other side (a phone, whose
// call view is full screen) and stopping it brings the camera back, recorded on the server; a
// reload rejoins the running call; three people in a group call (a mesh) all connect, one joining
// late from the header, and the last hang-up ends it; a call forced through the TURN server
// (Debian coturn, REST secret, iceTransportPolicy "relay") still connects.
//
// This spec launches its own Chromium with the media flags, so no other spec's browser changes:
//   --use-fake-device-for-media-stream --use-fake-ui-for-media-stream  fake devices, no prompt
//   --disable-features=WebRtcHideLocalIpsWithMdns  plain host candidates: the host-resolver rules
//     that keep tests off the network would make mDNS `.local` candidates unresolvable
//   --allow-loopback-in-peer-connection  loopback candidates on a loopback-only network
import { spawn, type ChildProcess } from "node:child_process";
import { chromium, expect, test, type Browser, type Page } from "@playwright/test";
import type { CallDto } from "@/lib/chat/calls/dto";
import { ChatApp } from "./pages/chat-app";
import { systemChromium } from "./support/system-chromium";
import { newUser, registerViaApi, type RegisteredUser } from "./support/users";

const WEBRTC_FLAGS = [
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  "--disable-features=WebRtcHideLocalIpsWithMdns",
  "--allow-loopback-in-peer-connection",
  "--autoplay-policy=no-user-gesture-required",
];
const TURN_PORT = Number(process.env.E2E_PORT ?? 3100) + 40;

/** Keeps every RTCPeerConnection of the page in window.__pcs (and, for the TURN test, forces relay). */
const recordPeerConnections = (forceRelay: boolean) => {
  const Original = window.RTCPeerConnection;
  const list: RTCPeerConnection[] = [];
  (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = list;
  const Patched = function (this: unknown, config?: RTCConfiguration) {
    const pc = new Original(forceRelay ? { ...config, iceTransportPolicy: "relay" } : config);
    list.push(pc);
    return pc;
  } as unknown as typeof RTCPeerConnection;
  Patched.prototype = Original.prototype;
  Object.assign(Patched, { generateCertificate: Original.generateCertificate });
  window.RTCPeerConnection = Patched;
};

interface Bytes {
  inAudio: number;
  inVideo: number;
  outAudio: number;
  relay: boolean;
  /** The size of the last inbound video frame (0 before any). */
  frameWidth: number;
  frameHeight: number;
}

interface Connection extends Bytes {
  /** Its place in window.__pcs (stable while the page lives). */
  index: number;
  state: RTCPeerConnectionState;
}

/** Every open connection of the page (one per other person in the call), from getStats(). */
async function connections(page: Page): Promise<Connection[]> {
  return page.evaluate(async () => {
    const all = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const list = [];
    for (const [index, pc] of all.entries()) {
      if (pc.connectionState === "closed") continue;
      const result = { index, state: pc.connectionState, inAudio: 0, inVideo: 0, outAudio: 0, relay: false, frameWidth: 0, frameHeight: 0 };
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((r: Record<string, unknown>) => byId.set(r.id as string, r));
      stats.forEach((r: Record<string, unknown>) => {
        if (r.type === "inbound-rtp" && r.kind === "audio") result.inAudio += Number(r.bytesReceived ?? 0);
        if (r.type === "inbound-rtp" && r.kind === "video") {
          result.inVideo += Number(r.bytesReceived ?? 0);
          result.frameWidth = Number(r.frameWidth ?? 0);
          result.frameHeight = Number(r.frameHeight ?? 0);
        }
        if (r.type === "outbound-rtp" && r.kind === "audio") result.outAudio += Number(r.bytesSent ?? 0);
        if (r.type === "candidate-pair" && r.state === "succeeded" && r.nominated) {
          const local = byId.get(r.localCandidateId as string);
          if (local?.candidateType === "relay") result.relay = true;
        }
      });
      list.push(result);
    }
    return list;
  });
}

/** Bytes of the page's newest open connection. */
async function bytes(page: Page): Promise<Bytes> {
  return (await connections(page)).at(-1) ?? { inAudio: 0, inVideo: 0, outAudio: 0, relay: false, frameWidth: 0, frameHeight: 0 };
}

/**
 * Waits until the page has exactly `peers` connected connections and inbound bytes grow on every
 * one of them between two looks a second apart (audio, and video in a video call).
 */
async function expectMediaFlowing(page: Page, peers: number, kinds: ("audio" | "video")[] = ["audio", "video"]) {
  let previous = new Map<number, Connection>();
  await expect
    .poll(
      async () => {
        const now = (await connections(page)).filter((c) => c.state === "connected");
        const growing = now.filter((c) => {
          const before = previous.get(c.index);
          return before && kinds.every((kind) => (kind === "audio" ? c.inAudio > before.inAudio : c.inVideo > before.inVideo));
        });
        previous = new Map(now.map((c) => [c.index, c]));
        return `${now.length} connected, ${growing.length} growing`;
      },
      { timeout: 25_000, intervals: [1_000] },
    )
    .toBe(`${peers} connected, ${peers} growing`);
}

/** The shape of a video: the fake camera is 4:3 (640×480), the fake screen 16:9 (1920×1080 in Chromium 156). */
const shape = ({ frameWidth, frameHeight }: Pick<Bytes, "frameWidth" | "frameHeight">) =>
  frameHeight === 0 ? "none" : frameWidth / frameHeight > 1.6 ? "16:9" : frameWidth / frameHeight < 1.45 ? "4:3" : "other";

let browser: Browser;
let users: { alice: RegisteredUser; bob: RegisteredUser; carol: RegisteredUser };
let conversationId: string;

test.beforeAll(async ({ request, baseURL }) => {
  const { launchOptions } = systemChromium();
  browser = await chromium.launch({ ...launchOptions, args: [...(launchOptions?.args ?? []), ...WEBRTC_FLAGS] });
  users = {
    alice: await registerViaApi(request, baseURL!, newUser("alice")),
    bob: await registerViaApi(request, baseURL!, newUser("bob")),
    carol: await registerViaApi(request, baseURL!, newUser("carol")),
  };
});
test.afterAll(async () => browser?.close());

const PHONE = { width: 390, height: 844 };

async function scene(baseURL: string, { forceRelay = false, bobOnPhone = false } = {}) {
  const alice = await ChatApp.signedIn(browser, users.alice);
  const bob = await ChatApp.signedIn(browser, users.bob, bobOnPhone ? { viewport: PHONE, hasTouch: true } : {});
  for (const app of [alice, bob]) await app.page.context().addInitScript(recordPeerConnections, forceRelay);
  const response = await alice.page.request.post("/api/conversations", {
    data: { type: "direct", userId: users.bob.id },
    headers: { Origin: baseURL },
  });
  expect(response.ok()).toBe(true);
  conversationId = ((await response.json()) as { conversation: { id: string } }).conversation.id;
  await alice.page.goto(`/chat/${conversationId}`);
  await bob.page.goto("/chat");
  await expect(bob.conversationLink(users.alice.name)).toBeVisible();
  return { alice, bob };
}

const incoming = (page: Page) => page.getByRole("dialog", { name: /Incoming (video|voice) call/ });

test("a video call connects, media flows both ways, mute stops my audio, hang-up ends it for both", async ({ baseURL }) => {
  test.setTimeout(60_000);
  const { alice, bob } = await scene(baseURL!);
  try {
    await alice.page.getByRole("button", { name: "Video call" }).click();
    await expect(incoming(bob.page)).toBeVisible();
    await expect(incoming(bob.page)).toContainText(users.alice.name);
    await incoming(bob.page).getByRole("button", { name: "Accept" }).click();

    const aliceCall = alice.page.getByRole("region", { name: "Video call" });
    const bobCall = bob.page.getByRole("region", { name: "Video call" });
    await expect(aliceCall).toBeVisible();
    await expect(bobCall).toBeVisible();
    await expect(aliceCall.getByTestId("call-status")).toHaveText(/^\d\d:\d\d/, { timeout: 15_000 });

    // Inbound audio and video bytes grow on both sides.
    for (const page of [alice.page, bob.page]) {
      await expect.poll(async () => (await bytes(page)).inVideo, { timeout: 15_000 }).toBeGreaterThan(0);
      const before = await bytes(page);
      await expect
        .poll(
          async () => {
            const now = await bytes(page);
            return now.inAudio > before.inAudio && now.inVideo > before.inVideo;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
    }

    // Mute: Alice's outbound audio stops growing (and Bob's inbound audio from her with it).
    await aliceCall.getByRole("button", { name: "Mute" }).click();
    await expect(aliceCall.getByRole("button", { name: "Unmute" })).toHaveAttribute("aria-pressed", "true");
    await alice.page.waitForTimeout(500);
    const muted = (await bytes(alice.page)).outAudio;
    await alice.page.waitForTimeout(1500);
    expect((await bytes(alice.page)).outAudio).toBe(muted);
    await aliceCall.getByRole("button", { name: "Unmute" }).click();
    await expect.poll(async () => (await bytes(alice.page)).outAudio, { timeout: 10_000 }).toBeGreaterThan(muted);

    // Hang up ends it for both.
    await bobCall.getByRole("button", { name: "Hang up" }).click();
    await expect(bobCall).toBeHidden();
    await expect(aliceCall).toBeHidden();
    await expect(alice.page.getByRole("status").filter({ hasText: "Call ended" })).toBeVisible();
  } finally {
    await Promise.all([alice.close(), bob.close()]);
  }
});

test("a declined call and a missed call reach the caller and the call log", async ({ baseURL }) => {
  test.setTimeout(60_000);
  const { alice, bob } = await scene(baseURL!);
  try {
    await alice.page.getByRole("button", { name: "Voice call" }).click();
    await incoming(bob.page).getByRole("button", { name: "Decline" }).click();
    await expect(incoming(bob.page)).toBeHidden();
    await expect(alice.page.getByRole("status").filter({ hasText: "Call declined" })).toBeVisible();
    // The chat's timeline shows the call.
    const timeline = alice.page.getByRole("log", { name: "Messages" });
    await expect(timeline).toContainText("Declined voice call");

    // Nobody answers: after the ring timeout (6 s in e2e) it is missed for both, with no tab left ringing.
    await alice.page.getByRole("button", { name: "Video call" }).click();
    await expect(incoming(bob.page)).toBeVisible();
    await expect(alice.page.getByRole("status").filter({ hasText: "No answer" })).toBeVisible({ timeout: 15_000 });
    await expect(incoming(bob.page)).toBeHidden();
    await expect(timeline).toContainText("Missed video call");

    const log = (await (await bob.page.request.get("/api/calls")).json()) as {
      items: { type: string; status: string; direction: string }[];
    };
    expect(log.items.slice(0, 2).map((item) => [item.type, item.status, item.direction])).toEqual([
      ["video", "missed", "missed"],
      ["voice", "declined", "incoming"],
    ]);
    // The Calls tab of the sidebar shows them, with call-back buttons.
    await bob.page.getByRole("group", { name: "Sidebar view" }).getByRole("button", { name: "Calls" }).click();
    const calls = bob.page.getByRole("list", { name: "Calls" });
    await expect(calls.getByRole("listitem").nth(0)).toContainText("Missed video call");
    await expect(calls.getByRole("listitem").nth(1)).toContainText("Declined voice call");
    await expect(calls.getByRole("button", { name: `Voice call ${users.alice.name}` }).first()).toBeVisible();
  } finally {
    await Promise.all([alice.close(), bob.close()]);
  }
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A participant's tile by its accessible name ("Ann", "Ann, speaking, sharing the screen"): the fake microphone beeps. */
const tileName = (name: string, sharing: boolean) =>
  new RegExp(`^${escapeRegExp(name)}(, speaking)?${sharing ? ", sharing the screen" : ""}$`);

/** This user's live call (GET /api/calls/current), with its id. */
async function currentCall(page: Page) {
  const { call } = (await (await page.request.get("/api/calls/current")).json()) as { call: CallDto | null };
  return call;
}

/** One call as its chat's members read it (GET /api/calls/:id). */
async function readCall(page: Page, callId: string) {
  return ((await (await page.request.get(`/api/calls/${callId}`)).json()) as { call: CallDto }).call;
}

test("screen share reaches the other side (a phone: full-screen call view), stopping brings the camera back, the server records it", async ({
  baseURL,
}) => {
  test.setTimeout(60_000);
  const { alice, bob } = await scene(baseURL!, { bobOnPhone: true });
  try {
    await alice.page.getByRole("button", { name: "Video call" }).click();
    await incoming(bob.page).getByRole("button", { name: "Accept" }).click();
    const aliceCall = alice.page.getByRole("region", { name: "Video call" });
    const bobCall = bob.page.getByRole("region", { name: "Video call" });

    // The phone shows the call full screen, every control a labelled button inside the screen.
    await expect(bobCall).toBeVisible();
    expect(await bobCall.boundingBox()).toEqual({ x: 0, y: 0, ...PHONE });
    const controls = bobCall.getByRole("toolbar", { name: "Call controls" });
    for (const name of ["Mute", "Turn camera off", "Share screen", "Hang up"]) {
      await expect(controls.getByRole("button", { name, exact: true })).toBeInViewport({ ratio: 1 });
    }

    // Bob receives Alice's camera (4:3).
    await expectMediaFlowing(bob.page, 1);
    await expect.poll(async () => shape(await bytes(bob.page)), { timeout: 15_000 }).toBe("4:3");
    const { id: callId } = (await currentCall(bob.page))!;

    // Alice shares her screen: her own tile shows it, Bob's tile of her says so and Bob's inbound
    // video becomes the screen (16:9) on the same connection, still growing.
    await aliceCall.getByRole("button", { name: "Share screen" }).click();
    await expect(aliceCall.getByRole("button", { name: "Stop sharing" })).toHaveAttribute("aria-pressed", "true");
    const myTile = aliceCall.getByRole("figure", { name: tileName("You", true) });
    await expect
      .poll(async () =>
        shape(
          await myTile
            .locator("video")
            .evaluate((video: HTMLVideoElement) => ({ frameWidth: video.videoWidth, frameHeight: video.videoHeight })),
        ),
      )
      .toBe("16:9");
    await expect(bobCall.getByRole("figure", { name: tileName(users.alice.name, true) })).toBeVisible();
    await expect.poll(async () => shape(await bytes(bob.page)), { timeout: 20_000 }).toBe("16:9");
    await expectMediaFlowing(bob.page, 1);
    const sharing = (await readCall(bob.page, callId)).participants.find((p) => p.user.id === users.alice.id)!;
    expect(sharing).toMatchObject({ sharing: true, screenShares: [{ startedAt: expect.any(String), endedAt: null }] });

    // Stop sharing: the camera is back for Bob, and the share is closed on the server.
    await aliceCall.getByRole("button", { name: "Stop sharing" }).click();
    await expect(aliceCall.getByRole("button", { name: "Share screen" })).toHaveAttribute("aria-pressed", "false");
    await expect(bobCall.getByRole("figure", { name: tileName(users.alice.name, false) })).toBeVisible();
    await expect.poll(async () => shape(await bytes(bob.page)), { timeout: 20_000 }).toBe("4:3");
    await expect
      .poll(async () => (await readCall(bob.page, callId)).participants.find((p) => p.user.id === users.alice.id)!.screenShares)
      .toEqual([{ startedAt: sharing.screenShares[0]!.startedAt, endedAt: expect.any(String) }]);

    await controls.getByRole("button", { name: "Hang up" }).click();
    await expect(aliceCall).toBeHidden();
  } finally {
    await Promise.all([alice.close(), bob.close()]);
  }
});

test("a page reload rejoins the running call: the call view comes back and media flows again both ways", async ({ baseURL }) => {
  test.setTimeout(60_000);
  const { alice, bob } = await scene(baseURL!);
  try {
    await alice.page.getByRole("button", { name: "Video call" }).click();
    await incoming(bob.page).getByRole("button", { name: "Accept" }).click();
    const aliceCall = alice.page.getByRole("region", { name: "Video call" });
    const bobCall = bob.page.getByRole("region", { name: "Video call" });
    await expectMediaFlowing(bob.page, 1);
    const { id: callId } = (await currentCall(bob.page))!;

    await bob.page.reload();
    await expect(bobCall).toBeVisible({ timeout: 20_000 });
    await expect(bobCall.getByTestId("call-status")).toHaveText(/^\d\d:\d\d/, { timeout: 15_000 });
    // One connection each (Alice's old one to Bob's previous page replaced), media both ways.
    await expectMediaFlowing(bob.page, 1);
    await expectMediaFlowing(alice.page, 1);
    await expect(aliceCall).toBeVisible();
    expect(await currentCall(bob.page)).toMatchObject({ id: callId, status: "active" });

    await aliceCall.getByRole("button", { name: "Hang up" }).click();
    await expect(bobCall).toBeHidden();
    expect((await readCall(bob.page, callId)).status).toBe("ended");
  } finally {
    await Promise.all([alice.close(), bob.close()]);
  }
});

test("a three-person group call: one answers, one joins late from the header, every pair connects, the last hang-up ends it", async () => {
  test.setTimeout(75_000);
  const [alice, bob, carol] = (await Promise.all([users.alice, users.bob, users.carol].map((user) => ChatApp.signedIn(browser, user)))) as [
    ChatApp,
    ChatApp,
    ChatApp,
  ];
  try {
    for (const app of [alice, bob, carol]) await app.page.context().addInitScript(recordPeerConnections, false);
    const name = `Call group ${Date.now().toString(36)}`;
    const groupId = await alice.conversationViaApi({ type: "group", name, memberIds: [users.bob.id, users.carol.id] });
    await alice.page.goto(`/chat/${groupId}`);
    await carol.page.goto(`/chat/${groupId}`);
    await bob.page.goto("/chat");
    await expect(carol.conversationHeading(name)).toBeVisible();
    await expect(bob.conversationLink(name)).toBeVisible();

    // A voice call (three meshes of video would be heavy on a small test machine; the mesh is the same).
    await alice.page.getByRole("button", { name: "Voice call" }).click();
    await expect(incoming(carol.page)).toBeVisible();
    await incoming(bob.page).getByRole("button", { name: "Accept" }).click();
    // Carol lets it ring out (6 s in e2e), then joins from the chat header.
    await expect(incoming(carol.page)).toBeHidden({ timeout: 15_000 });
    await carol.page.getByRole("button", { name: "Voice call" }).click();

    const region = (app: ChatApp) => app.page.getByRole("region", { name: "Voice call" });
    for (const app of [alice, bob, carol]) await expect(region(app)).toBeVisible();
    // Every pair has media: each page holds two connected connections with inbound audio growing.
    for (const app of [alice, bob, carol]) await expectMediaFlowing(app.page, 2, ["audio"]);
    const call = (await currentCall(carol.page))!;
    expect(call.participants.map((p) => [p.user.id, p.status]).sort()).toEqual(
      [users.alice.id, users.bob.id, users.carol.id].map((id) => [id, "joined"]).sort(),
    );

    // Bob hangs up: Alice and Carol stay connected to each other.
    await region(bob).getByRole("button", { name: "Hang up" }).click();
    await expect(region(bob)).toBeHidden();
    await expect(region(alice).getByRole("heading", { level: 2 })).toHaveText(users.carol.name);
    for (const app of [alice, carol]) await expectMediaFlowing(app.page, 1, ["audio"]);

    // Alice hangs up: Carol was the last one, the call ends for her too.
    await region(alice).getByRole("button", { name: "Hang up" }).click();
    await expect(region(carol)).toBeHidden();
    await expect(carol.page.getByRole("status").filter({ hasText: "Call ended" })).toBeVisible();
    const ended = await readCall(carol.page, call.id);
    expect(ended.status).toBe("ended");
    expect(ended.participants.map((p) => p.status)).toEqual(["left", "left", "left"]);
    const joinedAt = (userId: string) => Date.parse(ended.participants.find((p) => p.user.id === userId)!.joinedAt!);
    expect(joinedAt(users.carol.id)).toBeGreaterThan(joinedAt(users.bob.id));
  } finally {
    await Promise.all([alice, bob, carol].map((app) => app.close()));
  }
});

test.describe("through TURN", () => {
  let turn: ChildProcess | undefined;
  test.beforeAll(async () => {
    turn = spawn(
      "/usr/bin/turnserver",
      [
        "--listening-ip=127.0.0.1",
        "--relay-ip=127.0.0.1",
        `--listening-port=${TURN_PORT}`,
        "--min-port=49160",
        "--max-port=49260",
        "--use-auth-secret",
        "--static-auth-secret=e2e-turn-secret",
        "--realm=parley.test",
        "--no-tls",
        "--no-dtls",
        "--no-cli",
        "--allow-loopback-peers",
        "--pidfile=/tmp/parley-e2e-turnserver.pid",
      ],
      { stdio: "ignore" },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
  test.afterAll(() => {
    turn?.kill("SIGTERM");
  });

  test("a call forced through the TURN relay still connects", async ({ baseURL }) => {
    test.setTimeout(60_000);
    const { alice, bob } = await scene(baseURL!, { forceRelay: true });
    try {
      await alice.page.getByRole("button", { name: "Voice call" }).click();
      await incoming(bob.page).getByRole("button", { name: "Accept" }).click();
      await expect.poll(async () => (await bytes(bob.page)).inAudio, { timeout: 20_000 }).toBeGreaterThan(0);
      expect((await bytes(bob.page)).relay).toBe(true);
      await bob.page.getByRole("region", { name: "Voice call" }).getByRole("button", { name: "Hang up" }).click();
      await expect(alice.page.getByRole("region", { name: "Voice call" })).toBeHidden();
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  });
});
