import { createReadStream, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { once } from 'node:events';

/**
 * A ustar archive of a directory, written file by file to `out` in chunks (nothing whole in memory),
 * in the layout PGlite's own dumpDataDir makes and its loadDataDir reads: every directory before its
 * contents, names relative to the directory. Regular files and directories only (a data directory
 * holds nothing else). Returns the bytes written.
 */
export async function tarDirectory(root: string, out: Writable): Promise<number> {
  let bytes = 0;
  const write = async (b: Buffer) => {
    bytes += b.length;
    if (!out.write(b)) await once(out, 'drain');
  };
  const walk = async (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(root, path));
      if (st.isDirectory()) {
        await write(header(path, st.mode, 0, st.mtime, '5'));
        await walk(path);
      } else if (st.isFile()) {
        await write(header(path, st.mode, st.size, st.mtime, '0'));
        let left = st.size;
        // exactly the size the header announced, even if the file were to change under us
        if (left > 0)
          for await (const chunk of createReadStream(join(root, path), { end: st.size - 1 })) {
            const b = (chunk as Buffer).subarray(0, left);
            left -= b.length;
            await write(b);
            if (left <= 0) break;
          }
        if (left > 0) await write(Buffer.alloc(left));
        const pad = (512 - (st.size % 512)) % 512;
        if (pad) await write(Buffer.alloc(pad));
      }
    }
  };
  await walk('');
  await write(Buffer.alloc(1024)); // end of archive: two empty records
  return bytes;
}

function header(name: string, mode: number, size: number, mtime: Date, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(512);
  let nameField = name;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`tar: name too long: ${name}`);
    prefix = name.slice(0, cut);
    nameField = name.slice(cut + 1);
  }
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0') + '\0';
  h.write(nameField, 0, 100, 'utf8');
  h.write(octal(mode & 0o7777, 8), 100, 8, 'ascii');
  h.write(octal(0, 8), 108, 8, 'ascii'); // uid
  h.write(octal(0, 8), 116, 8, 'ascii'); // gid
  h.write(octal(size, 12), 124, 12, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12, 'ascii');
  h.write(' '.repeat(8), 148, 8, 'ascii'); // checksum: spaces while summing
  h.write(type, 156, 1, 'ascii');
  h.write('ustar\u000000', 257, 8, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}
