import { expect, test } from "@playwright/test";

test("the app is served from the production build on the embedded stack", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Parley" })).toBeVisible();
});
