/** Masks shown wherever the actor may not see the full value: 110101********1234, 138****5678. */
export function maskIdNumber(v: string): string {
  if (v.length <= 10) return '*'.repeat(v.length);
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

export function maskPhone(v: string): string {
  if (v.length < 7) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}****${v.slice(-4)}`;
}
