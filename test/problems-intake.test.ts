import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { buildProblemWorld, LONG_SESSIONS, ok, raise, type Detail, type ProblemWorld } from './problem-factories.js';

let t: TestApp;
let w: ProblemWorld;
const dataDir = mkdtempSync(join(tmpdir(), 'xf-photos-'));

beforeAll(async () => {
  t = await createTestApp({ ...LONG_SESSIONS, XIANFENG_DATA_DIR: dataDir });
  w = await buildProblemWorld(t);
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Uploads raw bytes as a phone's camera upload does. */
function upload(agent: Agent, body: Buffer, type = 'image/jpeg') {
  return t.app.inject({
    method: 'POST',
    url: '/api/problems/photos',
    headers: { cookie: agent.cookie ?? '', 'x-csrf-token': agent.csrf ?? '', 'content-type': type },
    payload: body,
  });
}

function get(agent: Agent, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: agent.cookie ?? '' } });
}

/** A camera photo with GPS position and camera data in its EXIF. */
async function photoWithGps(width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'X1', Copyright: '周婷' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '34/1 46/1 2640/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '113/1 36/1 1080/100',
      },
    })
    .toBuffer();
}

describe('photos: images only, checked by content, size-limited, metadata stripped, served in scope', () => {
  it('strips GPS and every other metadata, shrinks to 2048 px, stores under the data directory', async () => {
    const original = await photoWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await upload(w.as.qiye, original);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { id: number; width: number; height: number; url: string };
    expect([body.width, body.height]).toEqual([2048, 1365]);
    const month = readdirSync(join(dataDir, 'problems', 'photos'))[0] as string;
    const file = readdirSync(join(dataDir, 'problems', 'photos', month))[0] as string;
    const stored = readFileSync(join(dataDir, 'problems', 'photos', month, file));
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(stored.includes(Buffer.from('TestCam'))).toBe(false);
    expect(stored.includes(Buffer.from('Exif'))).toBe(false);
    expect(statSync(join(dataDir, 'problems', 'photos', month, file)).size).toBe(stored.length);
    // the uploader previews it; nobody else can
    expect((await get(w.as.qiye, body.url)).statusCode).toBe(200);
    expect((await get(w.as.qiye2, body.url)).statusCode).toBe(404);
  });

  it('refuses what is not an image whatever its name or type says, and anything too large', async () => {
    const text = await upload(w.as.qiye, Buffer.from('这不是图片，只是伪装成 JPEG 的文本'), 'image/jpeg');
    expect(text.statusCode).toBe(400);
    expect(text.json().message).toBe('照片：只能上传图片（JPEG、PNG、WebP、HEIC），文件内容不是有效的图片');
    const fakePng = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(200, 7),
    ]);
    expect((await upload(w.as.qiye, fakePng, 'image/png')).statusCode).toBe(400);
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(9 * 1024 * 1024)]);
    const big = await upload(w.as.qiye, huge);
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toBe('照片：不能超过 8 MB');
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#3366ff' } })
      .png()
      .toBuffer();
    expect((await upload(w.as.qiye, png, 'application/octet-stream')).statusCode).toBe(200);
  });

  it('attaches photos to a new problem; only those who may see the problem may see them', async () => {
    const photo = (await upload(w.as.qiye, await photoWithGps(800, 600))).json() as { id: number };
    const p = await raise(w.as.qiye, { photoIds: [photo.id] });
    const photos = p.photos as Array<{ id: number; url: string }>;
    expect(photos.map((x) => x.id)).toEqual([photo.id]);
    expect((await get(w.as.qiye, photos[0]!.url)).headers['content-type']).toBe('image/jpeg');
    expect((await get(w.as.zzb, photos[0]!.url)).statusCode).toBe(200);
    expect((await get(w.as.qiye2, photos[0]!.url)).statusCode).toBe(404);
    expect((await get(w.as.a, photos[0]!.url)).statusCode).toBe(404);
    // someone else's upload cannot be attached
    const theirs = (await upload(w.as.qiye2, await photoWithGps(100, 100))).json() as { id: number };
    const stolen = await w.as.qiye.post('/api/problems', {
      category: 'other',
      description: '借用照片',
      photoIds: [theirs.id],
    });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().message).toBe('照片不存在或无权查看');
  });

  it('a retried submission with the same client request id never makes a duplicate', async () => {
    const body = { clientRequestId: 'phone-retry-000001', category: 'labour', description: '招工难，缺电焊工 30 名' };
    const [a, b] = await Promise.all([w.as.qiye.post('/api/problems', body), w.as.qiye.post('/api/problems', body)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect((a.json() as Detail).id).toBe((b.json() as Detail).id);
    const list = await ok<{ data: Array<{ title: string }> }>(w.as.qiye.get('/api/problems?q=缺电焊工'));
    expect(list.data.length).toBe(1);
    expect(list.data[0]?.title).toBe('招工难，缺电焊工 30 名');
  });
});
