import { Tag, Tooltip } from 'antd';
import { useI18n } from '../app/i18n.js';
import { PROVISIONAL_TAG, provisionalReason } from '../../shared/provisional.js';

/**
 * 暂定: the date next to it was counted across a year whose holiday schedule is not loaded yet
 * (weekends only there). The reason is the tooltip and, for screen readers and touch, the aria-label.
 */
export function ProvisionalTag({ year }: { year: number | null | undefined }) {
  const { tr } = useI18n();
  if (!year) return null;
  const why = provisionalReason(year);
  const text = tr(why.zh, why.en);
  return (
    <Tooltip title={text}>
      <Tag color="gold" aria-label={text} title={text} data-testid="provisional-tag">
        {tr(PROVISIONAL_TAG.zh, PROVISIONAL_TAG.en)}
      </Tag>
    </Tooltip>
  );
}
