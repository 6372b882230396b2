import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./common-passwords";
import { changePasswordSchema, fieldErrors, newPasswordSchema, registerSchema, safeCallbackPath, signInSchema } from "./validation";

const messages = (result: { success: boolean; error?: import("zod").ZodError }) => (result.success ? {} : fieldErrors(result.error!));

describe("registration input", () => {
  it("accepts a valid registration and normalises the email", () => {
    const result = registerSchema.parse({ name: "  Ada Lovelace ", email: " Ada@Example.COM ", password: "analytical engine" });
    expect(result).toEqual({ name: "Ada Lovelace", email: "ada@example.com", password: "analytical engine" });
  });

  it("names every invalid field", () => {
    const result = registerSchema.safeParse({ name: "", email: "nope", password: "short" });
    expect(messages(result)).toEqual({
      name: ["Enter your name."],
      email: ["Enter a valid email address."],
      password: ["Use at least 8 characters."],
    });
  });

  it("rejects missing fields with readable messages", () => {
    expect(messages(registerSchema.safeParse({}))).toEqual({
      name: ["Enter your name."],
      email: ["Enter your email address."],
      password: ["Choose a password."],
    });
  });

  it("rejects names that are too long or contain control characters", () => {
    expect(registerSchema.safeParse({ name: "x".repeat(51), email: "a@b.co", password: "long enough pass" }).success).toBe(false);
    expect(registerSchema.safeParse({ name: "a\u0000b", email: "a@b.co", password: "long enough pass" }).success).toBe(false);
    expect(registerSchema.safeParse({ name: "a\ud800b", email: "a@b.co", password: "long enough pass" }).success).toBe(false);
    expect(registerSchema.safeParse({ name: "emoji \ud83d\ude00", email: "a@b.co", password: "long enough pass" }).success).toBe(true);
  });
});

describe("password policy", () => {
  it("requires at least 8 characters", () => {
    expect(newPasswordSchema.safeParse("1234567").success).toBe(false);
    expect(newPasswordSchema.safeParse("eight ch").success).toBe(true);
  });

  it("accepts exactly 72 bytes and rejects 73 instead of truncating (bcrypt limit)", () => {
    expect(newPasswordSchema.safeParse("a".repeat(72)).success).toBe(true);
    expect(newPasswordSchema.safeParse("a".repeat(73)).success).toBe(false);
    // 36 two-byte characters are 72 bytes; 37 are 74 although only 37 characters long.
    expect(newPasswordSchema.safeParse("é".repeat(36)).success).toBe(true);
    const tooLong = newPasswordSchema.safeParse("é".repeat(37));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toMatch(/at most 72 bytes/);
  });

  it("rejects the most common passwords, case-insensitively", () => {
    for (const password of ["password", "Password123", "QWERTYUIOP", "12345678", "iloveyou"]) {
      expect(newPasswordSchema.safeParse(password).success, password).toBe(false);
    }
    expect(isCommonPassword("correct horse battery staple")).toBe(false);
  });

  it("does not apply the new-password policy at sign-in", () => {
    expect(signInSchema.safeParse({ email: "a@b.co", password: "x" }).success).toBe(true);
    expect(signInSchema.safeParse({ email: "a@b.co", password: "" }).success).toBe(false);
  });

  it("requires a different new password on change", () => {
    const same = changePasswordSchema.safeParse({ currentPassword: "same old pass", newPassword: "same old pass" });
    expect(messages(same)).toEqual({ newPassword: ["Choose a password different from the current one."] });
  });
});

describe("callback URLs", () => {
  it("keeps same-site paths and replaces anything else", () => {
    expect(safeCallbackPath("/settings?tab=1")).toBe("/settings?tab=1");
    expect(safeCallbackPath("/chat/abc")).toBe("/chat/abc");
    for (const bad of [
      "https://evil.test/",
      "//evil.test",
      "/\\evil.test",
      "javascript:alert(1)",
      "",
      null,
      undefined,
      "/sign-in",
      "/api/auth/signout",
    ]) {
      expect(safeCallbackPath(bad)).toBe("/chat");
    }
  });
});

describe("callback URLs from NextAuth", () => {
  it("keeps the path of an absolute URL of this site only", () => {
    expect(safeCallbackPath("http://localhost:3100/settings?x=1", "/chat", "http://localhost:3100")).toBe("/settings?x=1");
    expect(safeCallbackPath("https://evil.test/settings", "/chat", "http://localhost:3100")).toBe("/chat");
    expect(safeCallbackPath("http://localhost:3100//evil.test", "/chat", "http://localhost:3100")).toBe("/chat");
  });
});
