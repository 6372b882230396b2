// Which image URLs a message may carry. An image is either an upload of ours (a same-origin path
// /api/uploads/{key} as returned by POST /api/uploads; the key grammar mirrors lib/storage/storage.ts)
// or an https URL on an allowed host. Anything else (javascript:,
// data:, http:, tracking pixels on arbitrary hosts) is refused, so a message cannot make every
// member's browser fetch a URL of the sender's choosing.
// Allowed hosts: PARLEY_IMAGE_HOSTS (comma-separated host names), none by default — a shared host
// like res.cloudinary.com serves anyone's files, so allowing it allowed any URL. Whether the upload
// is the sender's own is checked when the message is stored (lib/chat/uploads/records.ts).
export const DEFAULT_IMAGE_HOSTS: readonly string[] = [];

const OWN_UPLOAD = /^\/api\/uploads\/[a-z0-9][a-z0-9_-]{0,63}(\/[a-z0-9][a-z0-9_-]{0,63}){0,4}\.(png|jpg|gif|webp)$/i;

export function allowedImageHosts(source: Record<string, string | undefined> = process.env): string[] {
  const extra = (source.PARLEY_IMAGE_HOSTS ?? "")
    .split(",")
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  return [...DEFAULT_IMAGE_HOSTS, ...extra];
}

export function isAllowedImageUrl(value: string, hosts: readonly string[] = allowedImageHosts()): boolean {
  if (OWN_UPLOAD.test(value)) return true;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username || url.password) return false;
  return hosts.includes(url.hostname.toLowerCase());
}
