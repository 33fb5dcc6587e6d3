import { Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get, type Page } from '../../../app/api.js';
import { useI18n } from '../../../app/i18n.js';
import { formatDateTimeChina } from '../../../../shared/format.js';
import type { HistoryEntry, WarningMonth } from '../api.js';
import { COLOURS } from '../labels.js';

/** The colour of every month (history, not just now) and everything that happened, newest first. */
export function HistoryPanel({ projectId }: { projectId: number }) {
  const { tr, lang } = useI18n();
  const months = useQuery({
    queryKey: ['project', projectId, 'months', lang],
    queryFn: () => get<{ data: WarningMonth[] }>(`/api/projects/${projectId}/warnings`),
  });
  const history = useQuery({
    queryKey: ['project', projectId, 'history', lang],
    queryFn: () => get<Page<HistoryEntry>>(`/api/projects/${projectId}/history`, { pageSize: 100 }),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>{tr('逐月预警', 'Colour by month')}</Typography.Title>
      <Space wrap data-testid="warning-months">
        {(months.data?.data ?? []).map((m) => (
          <Tooltip
            key={m.month}
            title={
              m.reasons.map((r) => r.text).join('；') +
              (m.worstColour !== m.colour
                ? tr(`（本月曾为${COLOURS[m.worstColour].zh}色）`, ` (was ${COLOURS[m.worstColour].en} this month)`)
                : '')
            }
          >
            <Tag color={COLOURS[m.colour].tag}>
              {m.month} {tr(COLOURS[m.colour].zh, COLOURS[m.colour].en)}
            </Tag>
          </Tooltip>
        ))}
      </Space>
      <Typography.Title level={5}>{tr('项目历史（计划变更留痕）', 'History (plan changes kept)')}</Typography.Title>
      <Timeline
        items={(history.data?.data ?? []).map((h) => ({
          color: h.kind === 'warning' ? 'red' : h.kind === 'node_plan' ? 'orange' : 'blue',
          content: (
            <div>
              <div>{h.text}</div>
              <Typography.Text type="secondary">
                {formatDateTimeChina(h.at)} · {h.actorName}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </Space>
  );
}
