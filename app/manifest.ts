// The web app manifest (issue 16), served at /manifest.webmanifest: with the service worker
// (public/sw.js) it makes Parley installable (Chromium's installability checks:
// e2e/notifications.spec.ts). Icons are the files in public/ drawn by scripts/make-icons.ts.
import type { MetadataRoute } from "next";

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/chat",
    name: "Parley",
    short_name: "Parley",
    description: "Real-time chat: conversations, groups, images and read receipts.",
    start_url: "/chat",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0369a1",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/apple-touch-icon.png", sizes: "180x180", type: "image/png", purpose: "any" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
