// The group icon and "added by" (issue 15) with two people in their own browsers: Alice creates a
// group with Bob (and Cal), uploads an icon in the group info panel; Bob's chat list row and chat
// header show it live (an image named after the group), with the system message; the info panel
// says who created the group and who added each member.
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { ChatApp } from "./pages/chat-app";
import { newUser, registerViaApi } from "./support/users";

test("an icon set in group info shows live in every member's list and header, with who added whom", async ({
  browser,
  request,
  baseURL,
}) => {
  const [alice, bob, cal] = await Promise.all(["alice", "bob", "cal"].map((n) => registerViaApi(request, baseURL!, newUser(n))));
  const a = await ChatApp.signedIn(browser, alice!);
  const b = await ChatApp.signedIn(browser, bob!);
  const name = "Kite flyers";
  await a.conversationViaApi({ type: "group", name, memberIds: [bob!.id, cal!.id] });
  await a.openConversation(name);
  await b.openConversation(name);
  const icon = b.page.getByRole("img", { name: `${name} group icon` });
  await expect(icon).toHaveCount(0);

  await a.openGroupInfo();
  await expect(a.groupInfo.getByText(`Created by You, `)).toBeVisible();
  await expect(a.groupMember(bob!.name).getByText(/^Added by You · joined /)).toBeVisible();
  const png = await sharp({ create: { width: 640, height: 320, channels: 3, background: "#1e88e5" } })
    .png()
    .toBuffer();
  await a.setGroupIcon(name, { name: "kites.png", mimeType: "image/png", buffer: png });
  await expect(a.systemMessage("You changed the group icon")).toBeVisible();

  // Bob: the list row and the header show the icon (a real, loaded image), and the system message.
  await expect(b.conversationLink(name).getByRole("img", { name: `${name} group icon` })).toBeVisible();
  await expect(icon).toHaveCount(2);
  // Served to Bob (a member) and decoded: the 256×256 re-encode, not a broken image.
  await expect.poll(() => icon.first().evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(256);
  await expect(b.systemMessage(`${alice!.name} changed the group icon`)).toBeVisible();

  // Bob's group info: the icon, "Created by Alice", "Added by Alice".
  await b.openGroupInfo();
  await expect(b.groupInfo.getByRole("img", { name: `${name} group icon` })).toBeVisible();
  await expect(b.groupInfo.getByText(`Created by ${alice!.name}, `)).toBeVisible();
  await expect(b.groupMember("You").getByText(new RegExp(`^Added by ${alice!.name} · joined `))).toBeVisible();
  await expect(b.groupMember(alice!.name).getByText(/^Created the group · /)).toBeVisible();

  // Alice removes it: Bob's row falls back to the members' avatars.
  await b.closeGroupInfo();
  await a.groupInfo.getByRole("button", { name: "Remove icon" }).click();
  await expect(b.systemMessage(`${alice!.name} removed the group icon`)).toBeVisible();
  await expect(b.conversationLink(name).getByRole("img", { name: `${name} group icon` })).toHaveCount(0);

  await Promise.all([a.close(), b.close()]);
});
