"use client";

import { useCallback, useState } from "react";

import { MAX_UPLOAD_BYTES } from "@/lib/upload-limits";

export interface PendingFile {
  key: string;
  name: string;
  size: number;
  state: "uploading" | "done" | "error";
  /** The upload id the message carries, once stored. */
  id?: string;
  error?: "tooLarge" | "failed";
  message?: string;
  /** Only agents may see it: never mailed, never shown to customers (D7). */
  internal?: boolean;
  /** A pasted image shown in the text: its local preview URL, replaced by `cid:<id>` on sending. */
  previewUrl?: string;
}

/**
 * Files chosen for a message: each is uploaded at once (POST /api/uploads) so sending only
 * carries ids. The message may be sent once nothing is uploading and nothing failed.
 */
export function useUploads() {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const update = (key: string, patch: Partial<PendingFile>) => setFiles((fs) => fs.map((f) => (f.key === key ? { ...f, ...patch } : f)));

  /** Uploads the files; with `inline` (pasted images) answers their local preview URLs. */
  const add = useCallback((chosen: Iterable<File>, opts: { inline?: boolean } = {}): string[] => {
    const previews: string[] = [];
    for (const file of chosen) {
      const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const previewUrl = opts.inline ? URL.createObjectURL(file) : undefined;
      if (previewUrl) previews.push(previewUrl);
      if (file.size > MAX_UPLOAD_BYTES) {
        setFiles((fs) => [...fs, { key, name: file.name, size: file.size, state: "error", error: "tooLarge" }]);
        continue;
      }
      setFiles((fs) => [...fs, { key, name: file.name, size: file.size, state: "uploading", previewUrl }]);
      fetch("/api/uploads", {
        method: "POST",
        headers: { "X-Filename": encodeURIComponent(file.name), "Content-Type": file.type || "application/octet-stream" },
        body: file,
      })
        .then(async (res) => {
          const body = (await res.json().catch(() => ({}))) as { id?: string; error?: string };
          if (res.ok && body.id) update(key, { state: "done", id: body.id });
          else update(key, { state: "error", error: "failed", message: body.error });
        })
        .catch(() => update(key, { state: "error", error: "failed" }));
    }
    return previews;
  }, []);

  const remove = useCallback((key: string) => setFiles((fs) => fs.filter((f) => f.key !== key)), []);
  const clear = useCallback(() => setFiles([]), []);
  const setInternal = useCallback((key: string, internal: boolean) => update(key, { internal }), []);
  return {
    files,
    add,
    remove,
    clear,
    setInternal,
    ids: files.flatMap((f) => (f.state === "done" && f.id ? [f.id] : [])),
    internalIds: files.flatMap((f) => (f.state === "done" && f.id && f.internal ? [f.id] : [])),
    /** The text's HTML with pasted images pointing at their uploads (`cid:<upload id>`). */
    withInlineIds: (html: string) =>
      files.reduce((out, f) => (f.previewUrl && f.id ? out.split(f.previewUrl).join(`cid:${f.id}`) : out), html),
    busy: files.some((f) => f.state === "uploading"),
    failed: files.some((f) => f.state === "error"),
  };
}

export type Uploads = ReturnType<typeof useUploads>;
