// Input building blocks every capability's zod schemas share, and the one way domain code parses
// input: parseInput turns any failure into AppError("bad_request") naming the fields, never a 500.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { decodeCursor } from "./cursor";
import { isRecordId } from "./ids";

/**
 * PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate is not valid Unicode: refuse both
 * as bad input instead of failing in the database driver (500).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const noNul = (value: string) => !value.includes("\u0000") && !LONE_SURROGATE.test(value);
export const NO_NUL = { message: "must be valid text (no NUL characters or broken Unicode)" };

export const recordIdSchema = z.string({ error: "is required" }).trim().toLowerCase().refine(isRecordId, { message: "must be a valid id" });

export const cursorSchema = z
  .string()
  .trim()
  .refine((value) => decodeCursor(value) !== null, { message: "is not a valid cursor" });

/** `limit` of a page: 1..max, `fallback` when absent. */
export const pageLimitSchema = (max: number, fallback: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int({ message: "must be an integer" })
    .min(1, { message: "must be at least 1" })
    .max(max, { message: `must be at most ${max}` })
    .default(fallback);

/** Parses `input` or throws AppError("bad_request") naming the fields, never a 500. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0];
  const path = first?.path.join(".");
  const message = first ? (path && !/^[A-Z]/.test(first.message) ? `${path} ${first.message}` : first.message) : "Invalid input.";
  throw new AppError("bad_request", message, fields);
}
