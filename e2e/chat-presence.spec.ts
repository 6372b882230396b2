// Presence in the conversation header: "Active now" while the other person is online, and when
// they leave, when they were last active.
import { expect, test } from "./fixtures/two-users";

test("the header shows Active now, then Active just now after the other person leaves", async ({
  alice: i,
  bob: j,
  users: { alice: ivy, bob: jon },
}) => {
  await i.openConversation(jon.name);
  await i.send("Are you around?");
  await j.openConversation(ivy.name);
  await expect(i.page.getByText("Active now", { exact: true })).toBeVisible();

  await j.close();
  await expect(i.page.getByText("Active just now", { exact: true })).toBeVisible();
  await expect(i.page.getByText("Active now", { exact: true })).toHaveCount(0);

  // After a reload the time comes from the server (recorded on Jon's last request).
  await i.page.reload();
  await expect(i.page.getByText(/^Active (just now|\d+ seconds? ago|1 minute ago)$/)).toBeVisible();
});
