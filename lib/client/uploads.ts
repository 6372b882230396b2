// The image upload with progress (XHR, since fetch cannot report upload progress) and the
// thumbnail URL our upload route stores; used by the conversation view only, so apart from ./api.ts.
import { ApiError, NETWORK_MESSAGE } from "./api";

export interface UploadedImage {
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

/** Uploads an image to POST /api/uploads, reporting progress (0..1). */
export function uploadImage(file: Blob, onProgress: (fraction: number) => void): Promise<UploadedImage> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const data = xhr.response as (UploadedImage & { error?: { message?: string; code?: string } }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && data?.url) {
        onProgress(1);
        resolve(data);
      } else {
        reject(
          new ApiError(
            { message: data?.error?.message ?? `Upload failed (${xhr.status}).`, code: data?.error?.code ?? "internal" },
            xhr.status,
          ),
        );
      }
    };
    xhr.onerror = () => reject(new ApiError({ code: "network", message: NETWORK_MESSAGE }, 0));
    xhr.onabort = () => reject(new ApiError({ code: "aborted", message: "Upload cancelled." }, 0));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

/** The thumbnail URL our upload route stores next to an image (same name + "-thumb.webp"). */
export function thumbnailOf(url: string): string | null {
  const match = /^(\/api\/uploads\/msg-[0-9a-f-]+)\.(png|jpg|gif|webp)$/i.exec(url);
  return match ? `${match[1]}-thumb.webp` : null;
}
