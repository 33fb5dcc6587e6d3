import { Grid, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.js';
import type { DayExceptionView as DayException } from '../../../shared/api/calendar.js';

/** One exception of a year as the server answers it (the shared contract). */
export type { DayExceptionView as DayException } from '../../../shared/api/calendar.js';

const WEEK_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEK_EN = ['M', 'T', 'W', 'T', 'F', 'S', 'S'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A year as twelve month grids; 休 (holiday) in red, 班 (make-up working day) in blue. On a phone the
 * months are one row that scrolls sideways inside the card (swipe month to month), never widening the page.
 */
export function YearGrid({
  year,
  days,
  onPick,
}: {
  year: number;
  days: Map<string, DayException>;
  onPick: (date: string) => void;
}) {
  const { tr, lang } = useI18n();
  const phone = !Grid.useBreakpoint().sm;
  return (
    <div
      data-testid="year-grid"
      role="group"
      aria-label={tr(`${year} 年日历`, `Calendar ${year}`)}
      tabIndex={phone ? 0 : undefined}
      style={
        phone
          ? { display: 'flex', gap: 12, overflowX: 'auto', scrollSnapType: 'x mandatory', paddingBottom: 8 }
          : { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 16 }
      }
    >
      {Array.from({ length: 12 }, (_, m) => {
        const first = new Date(Date.UTC(year, m, 1));
        const offset = (first.getUTCDay() + 6) % 7;
        const count = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
        return (
          <div
            key={m}
            style={{
              border: '1px solid #f0f0f0',
              borderRadius: 4,
              padding: 8,
              ...(phone ? { flex: '0 0 min(240px, 88%)', scrollSnapAlign: 'start' } : {}),
            }}
          >
            <div style={{ fontWeight: 600, marginBottom: 4 }}>
              {lang === 'zh' ? `${m + 1} 月` : first.toLocaleString('en', { month: 'long', timeZone: 'UTC' })}
            </div>
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(7, 1fr)',
                gap: 2,
                fontSize: 12,
                textAlign: 'center',
              }}
            >
              {(lang === 'zh' ? WEEK_ZH : WEEK_EN).map((w, i) => (
                <div key={i} style={{ color: '#999' }}>
                  {w}
                </div>
              ))}
              {Array.from({ length: offset }, (_, i) => (
                <div key={`b${i}`} />
              ))}
              {Array.from({ length: count }, (_, d) => {
                const date = `${year}-${pad(m + 1)}-${pad(d + 1)}`;
                const dow = (offset + d) % 7;
                const ex = days.get(date);
                const weekend = dow >= 5;
                const bg = ex?.kind === 'holiday' ? '#fff1f0' : ex?.kind === 'workday' ? '#e6f4ff' : 'transparent';
                const color =
                  ex?.kind === 'holiday' ? '#cf1322' : ex?.kind === 'workday' ? '#0958d9' : weekend ? '#999' : '#333';
                const label = ex
                  ? `${ex.kind === 'holiday' ? tr('休', 'off') : tr('班', 'work')} ${ex.name}`
                  : weekend
                    ? tr('周末休息', 'Weekend')
                    : tr('工作日', 'Working day');
                return (
                  <Tooltip key={date} title={`${date} ${label}`}>
                    <div
                      role="button"
                      data-testid={`day-${date}`}
                      onClick={() => onPick(date)}
                      style={{
                        cursor: 'pointer',
                        background: bg,
                        color,
                        borderRadius: 3,
                        lineHeight: '20px',
                        position: 'relative',
                      }}
                    >
                      {d + 1}
                      {ex && (
                        <span style={{ position: 'absolute', top: -4, right: 0, fontSize: 9 }}>
                          {ex.kind === 'holiday' ? tr('休', 'H') : tr('班', 'W')}
                        </span>
                      )}
                    </div>
                  </Tooltip>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
