/** "2026-10-09 14:05" in China time (UTC+8), for tables and exports. */
export function formatDateTimeChina(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const t = typeof iso === 'string' ? new Date(iso) : iso;
  return new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Amounts in 万元 with thousands separators: 12,345.67 */
export function formatWan(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '';
  return v.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
