// Mounts the call UI once, in its own React root at the end of <body>, the first time a call
// starts, rings or resumes: nothing of it is in any page's first-load JavaScript.
import { createRoot } from "react-dom/client";
import * as controller from "@/lib/client/calls/controller";
import { CallOverlay } from "./call-overlay";

let mounted = false;

export function mountCalls(): typeof controller {
  if (!mounted && typeof document !== "undefined") {
    mounted = true;
    const host = document.createElement("div");
    host.id = "parley-calls";
    document.body.appendChild(host);
    createRoot(host).render(<CallOverlay />);
  }
  return controller;
}
