// Blocking (issue 15, lib/chat/blocks): from the header of a 1:1, Block replaces the composer with
// "You blocked this contact"; the blocked person is told nothing (their send fails with a neutral
// message), nothing of theirs reaches me, and they no longer see me online; Unblock restores it all, live.
import { expect, test } from "./fixtures/two-users";

test("block from the 1:1 header stops their messages and my presence silently; unblock restores them", async ({
  alice: a,
  bob: b,
  users: { alice, bob },
}) => {
  await a.openConversation(bob.name);
  await b.openConversation(alice.name);
  await b.send("Hi Alice");
  await expect(a.message("Hi Alice")).toBeVisible();
  const aliceActive = b.page.getByText("Active now", { exact: true });
  await expect(aliceActive).toBeVisible();

  await a.page.getByRole("button", { name: "Chat options", exact: true }).click();
  await a.page.getByRole("menuitem", { name: "Block", exact: true }).click();
  await expect(a.page.getByText("You blocked this contact.")).toBeVisible();
  await expect(a.composer).toBeHidden();
  // Live, without a reload: Bob no longer sees Alice online (the server refuses him our chat's presence).
  await expect(aliceActive).toHaveCount(0);

  // Bob's send fails with a message that says nothing of a block, and never reaches Alice.
  await b.send("Are you there?");
  await expect(b.page.getByText(/This message could not be sent\./).first()).toBeVisible();
  await expect(b.page.getByText(/block/i)).toHaveCount(0);
  // Stored, not only shown: after a reload it is still blocked, and Bob's message is not there.
  await a.page.reload();
  await expect(a.page.getByText("You blocked this contact.")).toBeVisible();
  await expect(a.message("Are you there?")).toHaveCount(0);

  await a.page.getByRole("button", { name: "Unblock", exact: true }).click();
  await expect(a.composer).toBeVisible();
  await expect(aliceActive).toBeVisible();
  await b.send("Back again");
  await expect(a.message("Back again")).toBeVisible();
  await a.send("Welcome back");
  await expect(b.message("Welcome back")).toBeVisible();
});
