// Test users and API seeding (registration goes through the real sign-up API).
import { expect, type APIRequestContext } from "@playwright/test";

export interface TestUser {
  name: string;
  email: string;
  password: string;
  /** Issue 15: how strangers find this user (set by registerViaApi; the sign-up form leaves it out). */
  username?: string;
}

let counter = 0;

export function newUser(prefix = "user"): TestUser {
  counter += 1;
  const id = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
  return {
    name: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${id}`,
    email: `${prefix}-${id}@parley.test`,
    password: `Correct horse ${id}`,
    username: `${prefix
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "")
      .slice(0, 8)}_${id.toLowerCase()}`.slice(0, 30),
  };
}

export interface RegisteredUser extends TestUser {
  id: string;
}

/** Registers through POST /api/auth/register (as the sign-up form does, with the user's username when it has one). */
export async function registerViaApi(request: APIRequestContext, baseURL: string, user: TestUser = newUser()): Promise<RegisteredUser> {
  const response = await request.post("/api/auth/register", {
    data: user,
    headers: { Origin: baseURL },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { user: { id: string } };
  return { ...user, id: body.user.id };
}
