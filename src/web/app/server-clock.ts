import dayjs, { type Dayjs } from 'dayjs';

/**
 * "Now" as the server's clock reads it. Every API answer carries `x-server-time`; the app keeps the
 * offset from the browser's clock and counts today, this month and this year from it, so pages agree
 * with the server (a test server's fixed clock, or a phone whose clock is wrong).
 */
export const SERVER_TIME_HEADER = 'x-server-time';

let offsetMs = 0;

/** Called with each answer's header; ignores a missing or unreadable value. */
export function noteServerTime(header: string | null | undefined, browserNowMs = Date.now()): void {
  if (!header) return;
  const t = Date.parse(header);
  if (Number.isFinite(t)) offsetMs = t - browserNowMs;
}

export function serverNow(browserNowMs = Date.now()): Date {
  return new Date(browserNowMs + offsetMs);
}

/** Today in China (UTC+8), YYYY-MM-DD, by the server's clock. */
export function serverToday(browserNowMs = Date.now()): string {
  return new Date(serverNow(browserNowMs).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Today (China) as a dayjs at local midnight, for DatePicker limits and defaults. */
export function serverTodayDayjs(): Dayjs {
  return dayjs(serverToday());
}

/** The month before today's (China), YYYY-MM. */
export function serverPreviousMonth(browserNowMs = Date.now()): string {
  const [y, m] = serverToday(browserNowMs).split('-').map(Number) as [number, number];
  const idx = y * 12 + m - 2;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}
