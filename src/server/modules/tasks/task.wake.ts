/** A new task wakes this process's worker at once instead of at its next poll. */
const listeners = new Set<() => void>();

export function wakeTaskWorker(): void {
  for (const l of listeners) l();
}

export function onTaskWake(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
