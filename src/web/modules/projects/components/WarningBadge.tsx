import { Popover, Tag, Typography } from 'antd';
import { useI18n } from '../../../app/i18n.js';
import type { Warning } from '../api.js';
import { COLOURS } from '../labels.js';

/** The colour as a tag; one click (or hover) shows why — every computed colour explains itself. */
export function WarningBadge({ warning, full = false }: { warning: Warning; full?: boolean }) {
  const { tr } = useI18n();
  const c = COLOURS[warning.colour];
  const reasons = (
    <div style={{ maxWidth: 360 }} data-testid="warning-reasons">
      {warning.reasons.map((r, i) => (
        <div key={i} style={{ marginBottom: 4 }}>
          {r.text}
        </div>
      ))}
      {warning.plannedProgress !== null && (
        <Typography.Text type="secondary">
          {tr(`计划进度：${warning.plannedProgress}%`, `Planned progress: ${warning.plannedProgress}%`)}
        </Typography.Text>
      )}
    </div>
  );
  return (
    <Popover content={reasons} title={tr('预警原因', 'Why this colour')} trigger={['hover', 'click']}>
      <Tag color={c.tag} style={{ cursor: 'pointer' }} data-testid="warning-badge" data-colour={warning.colour}>
        {full ? tr(`${c.zh}色预警`, `${c.en} warning`) : tr(c.zh, c.en)}
      </Tag>
    </Popover>
  );
}
