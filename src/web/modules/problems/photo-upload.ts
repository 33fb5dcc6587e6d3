import { ApiError } from '../../app/api.js';
import type { UploadedPhoto } from '../../../shared/api/problems.js';
import { getLang } from '../../app/i18n.js';

/** A request id that makes a retried submission idempotent (works outside secure contexts too). */
export function newRequestId(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * Shrinks a camera photo in the browser before upload (slow connections): at most 1600 px, JPEG.
 * The server re-encodes and strips metadata anyway; this only saves bandwidth.
 */
async function shrink(file: File): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size < 1_500_000) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b ?? file), 'image/jpeg', 0.85));
  } catch {
    return file;
  }
}

export type { UploadedPhoto };

export async function uploadPhoto(file: File, csrf: string): Promise<UploadedPhoto> {
  const body = await shrink(file);
  const res = await fetch('/api/problems/photos', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': body.type || 'application/octet-stream', 'x-csrf-token': csrf, 'x-lang': getLang() },
    body,
  });
  const json = (await res.json()) as UploadedPhoto & { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, json.code ?? 'HTTP', json.message ?? res.statusText);
  return json;
}
