import type { Clock } from '../src/server/context.js';

/** A clock tests move by hand: session expiry, lockout windows and deadlines without sleeping. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-11-23T02:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advanceMinutes(m: number): void {
    this.t += m * 60_000;
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
}
