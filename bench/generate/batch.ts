/** Runs `insert` over `rows` in batches (one multi-row INSERT each), so big scales load quickly. */
export async function inBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}
