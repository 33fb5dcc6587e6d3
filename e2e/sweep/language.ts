/**
 * The language rule of the sweep (decision 035). Chinese mode: no English word in UI chrome except the
 * allow-list below. English mode: no Chinese character in UI chrome. Data (names, titles, values) is not
 * chrome and is not checked; see CHROME_SELECTORS in page-checks.ts for what counts as chrome.
 */

/**
 * Words a Chinese page legitimately shows in Latin letters: file formats and products people know by
 * that name (Excel, Word), units, and abbreviations used as such in Chinese government work.
 * Add a word only with its reason.
 */
export const LATIN_ALLOWED = new Set(
  [
    'Excel', // the file people open; "Excel 导出" is how the field says it
    'Word', // official reports are Word documents
    'xlsx',
    'docx',
    'JSON', // import file formats, named as the files are
    'CSV',
    'ID', // 用户 ID
    'IP', // IP 地址 is how the audit trade says it
    'PDF',
    'A4', // paper size (打印（A4）)
    'H5', // the phone pages are called H5 in China
    'EN', // the language switch offers English by its own name
    'URL', // a robot's webhook address
    'Webhook',
    'km',
    'kg',
    'KB',
    'MB',
    'GB',
  ].map((w) => w.toLowerCase()),
);

/** Latin words in a Chinese-mode chrome text that are not allowed. */
export function englishWordsIn(text: string): string[] {
  const words = text.match(/[A-Za-z][A-Za-z0-9'-]*/g) ?? [];
  // a single letter is a symbol (节点逾期 ≥ N 个工作日), not a word
  return words.filter((w) => w.length > 1 && !LATIN_ALLOWED.has(w.toLowerCase()));
}

/** Chinese characters (or full-width Chinese punctuation) in an English-mode chrome text. */
export function chineseIn(text: string): string | null {
  const m = text.match(/[\u3400-\u9fff]+/g);
  return m ? m.join('') : null;
}

/** The language findings for one page's chrome texts. */
export function languageFindings(lang: 'zh' | 'en', chrome: string[]): string[] {
  const out: string[] = [];
  for (const text of chrome) {
    if (lang === 'zh') {
      const bad = englishWordsIn(text);
      if (bad.length) out.push(`English in Chinese mode: "${text.slice(0, 60)}" (${bad.join(', ')})`);
    } else {
      const bad = chineseIn(text);
      if (bad) out.push(`Chinese in English mode: "${text.slice(0, 60)}"`);
    }
  }
  return out;
}
