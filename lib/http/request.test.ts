// Reading a request body: a client that disconnects mid-body is a 400, not an unhandled 500
// (seen when a browser context closed during a call's POST in e2e/calls.spec.ts).
import { describe, expect, it } from "vitest";
import { toHttpError } from "@/lib/errors";
import { readJson } from "./request";

function requestWith(body: ReadableStream<Uint8Array>): Request {
  return new Request("http://localhost/api/x", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readJson", () => {
  it("answers 400 when the body stream breaks (the client went away)", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"action":'));
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const error = await readJson(requestWith(body)).catch((e: unknown) => e);
    expect(toHttpError(error).status).toBe(400);
  });

  it("still reads a whole body", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"action":"hangup"}'));
        controller.close();
      },
    });
    expect(await readJson(requestWith(body))).toEqual({ action: "hangup" });
  });
});
