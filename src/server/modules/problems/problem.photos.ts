import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../actor.js';
import { problemPhotos } from '../../db/schema/index.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { chinaDate } from '../../../domain/dates.js';
import { findProblemRow } from './problem.repository.js';

/** Photos larger than this are refused (a phone photo is 2–5 MB). */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
const MAX_EDGE = 2048;

/** The image formats accepted, recognised by their first bytes (never by file name or declared type). */
export function sniffImage(b: Buffer): 'jpeg' | 'png' | 'webp' | 'heif' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (
    b.length >= 12 &&
    b.toString('latin1', 4, 8) === 'ftyp' &&
    /^(heic|heix|mif1|msf1|avif)$/.test(b.toString('latin1', 8, 12))
  )
    return 'heif';
  return null;
}

const NOT_IMAGE = {
  zh: '照片：只能上传图片（JPEG、PNG、WebP、HEIC），文件内容不是有效的图片',
  en: 'photo: only images (JPEG, PNG, WebP, HEIC) are accepted, and this file is not one',
};

/**
 * Re-encodes an upload as JPEG: turned upright by its EXIF orientation, then written without any
 * metadata (EXIF with GPS position, camera serials, XMP, ICC comments are all dropped), at most 2048 px.
 */
export async function sanitizePhoto(input: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  if (input.length > PHOTO_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', {
      zh: `照片：不能超过 ${PHOTO_MAX_BYTES / 1024 / 1024} MB`,
      en: `photo: at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB`,
    });
  if (!sniffImage(input)) throw invalid(NOT_IMAGE);
  try {
    const { data, info } = await sharp(input, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw invalid(NOT_IMAGE);
  }
}

/** The store key of a photo: its row keeps `file` (`2026-12/<uuid>.jpg`), relative to this prefix. */
const photoKey = (file: string) => `problems/photos/${file}`;

/** Stores an uploaded photo (not yet attached to a problem; only its uploader can attach it). */
export async function uploadPhoto(ctx: AppContext, actor: Actor, body: Buffer) {
  const clean = await sanitizePhoto(body);
  const now = ctx.clock.now();
  const month = chinaDate(now).slice(0, 7);
  const file = `${month}/${randomUUID()}.jpg`;
  await ctx.files.put(photoKey(file), clean.data);
  const [row] = await ctx.db
    .insert(problemPhotos)
    .values({
      uploadedBy: actor.userId,
      file,
      mime: 'image/jpeg',
      bytes: clean.data.length,
      width: clean.width,
      height: clean.height,
      sha256: createHash('sha256').update(clean.data).digest('hex'),
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('photo insert failed');
  return { id: row.id, width: row.width, height: row.height, bytes: row.bytes, url: `/api/problems/photos/${row.id}` };
}

const PHOTO = { zh: '照片', en: 'Photo' };

/** A photo of a problem the actor may see (404 otherwise). */
export async function readProblemPhoto(
  ctx: AppContext,
  actor: Actor,
  problemId: number,
  photoId: number,
): Promise<Buffer> {
  if (!(await findProblemRow(ctx.db, actor, problemId))) throw notFound(PHOTO);
  const [p] = await ctx.db
    .select()
    .from(problemPhotos)
    .where(and(eq(problemPhotos.id, photoId), eq(problemPhotos.problemId, problemId)));
  if (!p) throw notFound(PHOTO);
  return ctx.files.get(photoKey(p.file));
}

/** An uploaded photo not yet attached: only its uploader sees it (the preview while raising). */
export async function readOwnUpload(ctx: AppContext, actor: Actor, photoId: number): Promise<Buffer> {
  const [p] = await ctx.db
    .select()
    .from(problemPhotos)
    .where(and(eq(problemPhotos.id, photoId), eq(problemPhotos.uploadedBy, actor.userId)));
  if (!p) throw notFound(PHOTO);
  return ctx.files.get(photoKey(p.file));
}
