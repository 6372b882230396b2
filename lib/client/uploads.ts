// The image upload with progress (./xhr-upload) and the
// thumbnail URL our upload route stores; used by the conversation view only, so apart from ./api.ts.
import { xhrUpload } from "./xhr-upload";

export interface UploadedImage {
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

/** Uploads an image to POST /api/uploads, reporting progress (0..1). */
export function uploadImage(file: Blob, onProgress: (fraction: number) => void): Promise<UploadedImage> {
  const form = new FormData();
  form.append("file", file);
  return xhrUpload<UploadedImage>("/api/uploads", form, onProgress, (status, data) => status >= 200 && status < 300 && !!data?.url).done;
}

/** The thumbnail URL our upload route stores next to an image (same name + "-thumb.webp"). */
export function thumbnailOf(url: string): string | null {
  const match = /^(\/api\/uploads\/msg-[0-9a-f-]+)\.(png|jpg|gif|webp)$/i.exec(url);
  return match ? `${match[1]}-thumb.webp` : null;
}
