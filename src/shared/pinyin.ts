import { pinyin } from 'pinyin-pro';

/**
 * A search key holding full pinyin and initials ("zhangsan zs"), stored beside a name so that typing
 * "zs" or "zhangsan" finds 张三 — and so lists sort by pinyin without ICU (PGlite has none).
 */
export function pinyinKey(name: string): string {
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/\s+/g, '');
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/\s+/g, '');
  return `${full} ${initials}`;
}

const collator = new Intl.Collator('zh-CN');

/** Sorts Chinese names by pinyin in the application. */
export function compareZh(a: string, b: string): number {
  return collator.compare(a, b);
}
