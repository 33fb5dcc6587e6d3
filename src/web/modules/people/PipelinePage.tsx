import { Card, Space, Statistic, Tag, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { DUE_COLOURS, STATUS_OPTIONS, type PipelineList } from './api.js';

/** 发展党员: per org, who is at which stage and what is due next (soonest first), with the reason in words. */
export default function PipelinePage() {
  const { tr, lang } = useI18n();
  const [f, setF] = useUrlState({ orgId: undefined as number | undefined });
  const list = useQuery({
    queryKey: ['pipeline', f, lang],
    queryFn: () => get<PipelineList>('/api/people/pipeline', f),
  });
  const dueLabel = {
    waiting: tr('未到期', 'Waiting'),
    due_soon: tr('即将到期', 'Due soon'),
    overdue: tr('已逾期', 'Overdue'),
    ready: tr('可办理', 'Ready'),
  };
  return (
    <Card
      title={tr('发展党员', 'Development pipeline')}
      extra={
        <div style={{ width: 240 }}>
          <OrgPicker
            value={f.orgId}
            onChange={(orgId) => setF({ orgId })}
            placeholder={tr('党组织（含下级）', 'Org (and below)')}
          />
        </div>
      }
    >
      <Space size="large" style={{ marginBottom: 16 }} wrap>
        {STATUS_OPTIONS.filter((s) => s.value !== 'masses' && s.value !== 'full').map((s) => (
          <Statistic key={s.value} title={tr(s.zh, s.en)} value={list.data?.stages[s.value] ?? 0} />
        ))}
      </Space>
      <Table
        rowKey="personId"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.data ?? []}
        locale={{ emptyText: tr('没有正在发展的人员', 'Nobody in the pipeline') }}
        columns={[
          {
            title: tr('姓名', 'Name'),
            dataIndex: 'name',
            width: 100,
            render: (v: string, r) => <Link to={`/people/${r.personId}`}>{v}</Link>,
          },
          { title: tr('党组织', 'Org'), dataIndex: ['org', 'name'], width: 180 },
          { title: tr('阶段', 'Stage'), dataIndex: 'stageLabel', width: 120, render: (v: string) => <Tag>{v}</Tag> },
          {
            title: tr('到期日', 'Due'),
            width: 150,
            render: (_, r) =>
              r.next ? (
                <Space>
                  <span>{r.next.dueOn}</span>
                  <Tag color={DUE_COLOURS[r.next.status]}>{dueLabel[r.next.status]}</Tag>
                </Space>
              ) : null,
          },
          {
            title: tr('下一步', 'Next'),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{r.next?.text}</span>
                {r.warnings.map((w) => (
                  <Typography.Text key={w.code} type="warning">
                    {w.text}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
