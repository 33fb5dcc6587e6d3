import { useState } from 'react';
import { Alert, Card, DatePicker, InputNumber, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError, get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import type { AddWorkingDays, WorkingDays } from '../../../shared/api/calendar.js';

/** Try the calendar: working days in a range, and the Nth working day after a date. */
export function WorkingDayCalculator() {
  const { tr } = useI18n();
  const [count, setCount] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [start, setStart] = useState<Dayjs | null>(null);
  const [n, setN] = useState<number | null>(5);
  const [error, setError] = useState<string | null>(null);
  const run = async <T,>(f: () => Promise<T>, set: (v: T) => void) => {
    setError(null);
    try {
      set(await f());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const addDays = (d: Dayjs | null, days: number | null) => {
    if (d && days !== null)
      void run(
        () => get<AddWorkingDays>('/api/calendar/add-working-days', { date: d.format('YYYY-MM-DD'), days }),
        (r) => setTarget(r.date),
      );
  };
  return (
    <Card size="small" title={tr('工作日计算', 'Working-day calculator')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <DatePicker.RangePicker
            onChange={(v) => {
              const [a, b] = v ?? [];
              if (a && b)
                void run(
                  () =>
                    get<WorkingDays>('/api/calendar/working-days', {
                      from: a.format('YYYY-MM-DD'),
                      to: b.format('YYYY-MM-DD'),
                    }),
                  (r) => setCount(String(r.count)),
                );
            }}
          />
          {count !== null && (
            <Typography.Text data-testid="calc-count">
              {tr(`共 ${count} 个工作日（含首尾）`, `${count} working days (both ends included)`)}
            </Typography.Text>
          )}
        </Space>
        <Space wrap>
          <DatePicker value={start} onChange={(d) => (setStart(d), addDays(d, n))} />
          <span>+</span>
          <InputNumber value={n} min={-3660} max={3660} onChange={(v) => (setN(v), addDays(start, v))} />
          <span>{tr('个工作日', 'working days')} =</span>
          {target && <Typography.Text strong>{target}</Typography.Text>}
        </Space>
      </Space>
    </Card>
  );
}
