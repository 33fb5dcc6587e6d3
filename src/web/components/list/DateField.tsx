import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/** A date filter in a query form: the URL keeps 2026-10-09, the picker shows it. */
export function DateField({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  testId?: string;
}) {
  return (
    <DatePicker
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      placeholder={placeholder}
      style={{ width: 140 }}
      data-testid={testId}
    />
  );
}
