/**
 * 暂定 (provisional): a working-day date counted across a year whose official holiday schedule is not
 * loaded yet — weekends only there. Shown with this reason wherever the date is shown, used for
 * reminders, and recomputed when the year is loaded.
 */
export const PROVISIONAL_TAG = { zh: '暂定', en: 'Provisional' } as const;

export function provisionalReason(year: number): { zh: string; en: string } {
  return {
    zh: `${year}年节假日安排尚未导入，暂按周末计算`,
    en: `The ${year} holiday schedule is not loaded yet; counted on weekends only`,
  };
}
