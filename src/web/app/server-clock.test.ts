import { describe, expect, it } from 'vitest';
import { noteServerTime, serverNow, serverPreviousMonth, serverToday } from './server-clock.js';

describe('server clock in the web app', () => {
  // The browser believes it is 2027-03-01 09:00 UTC; the server's clock says 2026-11-23 02:00 UTC.
  const browser = Date.parse('2027-03-01T09:00:00Z');

  it('counts today, in China, from the server clock and not the browser', () => {
    noteServerTime('2026-11-23T02:00:00.000Z', browser);
    expect(serverNow(browser).toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(serverToday(browser + 60_000)).toBe('2026-11-23');
    expect(serverPreviousMonth(browser)).toBe('2026-10');
  });

  it('crosses midnight and the year by China time (UTC+8)', () => {
    noteServerTime('2026-12-31T16:30:00Z', browser);
    expect(serverToday(browser)).toBe('2027-01-01');
    expect(serverPreviousMonth(browser)).toBe('2026-12');
    noteServerTime('2027-01-31T15:59:00Z', browser);
    expect(serverPreviousMonth(browser)).toBe('2026-12');
  });

  it('keeps the last good offset when a header is missing or unreadable', () => {
    noteServerTime('2026-11-23T02:00:00Z', browser);
    noteServerTime(null, browser);
    noteServerTime('not a date', browser);
    expect(serverToday(browser)).toBe('2026-11-23');
  });
});
