// One upload with progress and cancel over XHR (fetch cannot report upload progress): the image
// upload (./uploads.ts) and attachments (./attachments.ts) both go through it, so a refusal, a
// network error and a cancel read the same everywhere (ApiError with the server's message).
import { ApiError, NETWORK_MESSAGE } from "./api";

export interface XhrUpload<T> {
  done: Promise<T>;
  abort(): void;
}

type Answer<T> = (T & { error?: { message?: string; code?: string } }) | null;

/** POSTs `body` to `url`, reporting progress (0..1); `accepted` tells a stored answer from a refusal. */
export function xhrUpload<T>(
  url: string,
  body: XMLHttpRequestBodyInit,
  onProgress: (fraction: number) => void,
  accepted: (status: number, data: Answer<T>) => boolean,
  headers: Record<string, string> = {},
): XhrUpload<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open("POST", url);
    xhr.responseType = "json";
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const data = xhr.response as Answer<T>;
      if (data && accepted(xhr.status, data)) {
        onProgress(1);
        resolve(data);
        return;
      }
      reject(
        new ApiError(
          { message: data?.error?.message ?? `Upload failed (${xhr.status}).`, code: data?.error?.code ?? "internal" },
          xhr.status,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError({ code: "network", message: NETWORK_MESSAGE }, 0));
    xhr.onabort = () => reject(new ApiError({ code: "aborted", message: "Upload cancelled." }, 0));
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}
