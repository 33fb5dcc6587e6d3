import { ProvisionalTag } from '../../../components/ProvisionalTag.js';
import { useState } from 'react';
import { Button, List, Space, Statistic, Tag, Typography, Row, Col } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { echarts } from '../../../components/charts.js';
import { get } from '../../../app/api.js';
import { useI18n } from '../../../app/i18n.js';
import { APPROVAL_STATUS, type ApprovalChart, type ApprovalItem } from '../approvals-api.js';
import { ApprovalHandleModal } from './ApprovalHandleModal.js';

/** 一图管全程: target vs working days used per item, per phase, and who handles what. */
export function ApprovalsPanel({ projectId }: { projectId: number }) {
  const { tr, lang } = useI18n();
  const [handling, setHandling] = useState<ApprovalItem | null>(null);
  const q = useQuery({
    queryKey: ['approvals', projectId, lang],
    queryFn: () => get<ApprovalChart>(`/api/projects/${projectId}/approvals`),
  });
  const items = q.data?.items ?? [];
  const option = {
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, data: [tr('承诺时限', 'Target'), tr('已用工作日', 'Used')] },
    xAxis: { type: 'value' as const, name: tr('工作日', 'working days') },
    yAxis: { type: 'category' as const, data: items.map((i) => i.name), inverse: true },
    series: [
      {
        name: tr('承诺时限', 'Target'),
        type: 'bar' as const,
        data: items.map((i) => i.targetDays),
        itemStyle: { color: '#d9d9d9' },
      },
      {
        name: tr('已用工作日', 'Used'),
        type: 'bar' as const,
        data: items.map((i) => ({
          value: i.timing.usedDays ?? 0,
          itemStyle: { color: i.timing.overDays > 0 ? '#f5222d' : '#52c41a' },
        })),
      },
    ],
  };
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 8 }}>
        {(q.data?.phases ?? []).map((p) => (
          <Col xs={12} md={8} key={p.phase}>
            <Statistic
              title={p.label}
              value={p.usedDays}
              suffix={`/ ${p.targetDays} ${tr('工作日', 'wd')}`}
              styles={{ content: { color: p.usedDays > p.targetDays ? '#f5222d' : undefined, fontSize: 20 } }}
            />
          </Col>
        ))}
      </Row>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: Math.max(220, items.length * 36 + 50) }}
        notMerge
      />
      <Space style={{ margin: '8px 0' }}>
        <Link to={`/projects/${projectId}/checklist`}>
          <Button icon={<PrinterOutlined />}>{tr('打印办事清单（一单早告知）', 'Print the checklist')}</Button>
        </Link>
      </Space>
      <List
        loading={q.isFetching}
        dataSource={items}
        renderItem={(i) => {
          const s = APPROVAL_STATUS[i.timing.status];
          return (
            <List.Item
              actions={
                i.canHandle
                  ? [
                      <Button key="h" type="link" onClick={() => setHandling(i)}>
                        {tr('办理', 'Handle')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Typography.Text strong>{i.name}</Typography.Text>
                    <Tag color={s.color}>{tr(s.zh, s.en)}</Tag>
                    {i.isAcceptance && <Tag>{tr('验收', 'Acceptance')}</Tag>}
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={0}>
                    <span>
                      {i.department?.name ?? tr('未指定部门', 'No department')} ·{' '}
                      {tr(`承诺 ${i.targetDays} 个工作日`, `target ${i.targetDays} wd`)}
                    </span>
                    <span>
                      {i.submittedOn ? `${tr('申报', 'Submitted')} ${i.submittedOn}` : tr('尚未申报', 'Not submitted')}
                      {i.completedOn
                        ? ` · ${tr('办结', 'Completed')} ${i.completedOn}`
                        : i.timing.dueOn
                          ? ` · ${tr('应于', 'due')} ${i.timing.dueOn}`
                          : ''}
                      {i.timing.usedDays !== null
                        ? ` · ${tr(`用时 ${i.timing.usedDays} 个工作日`, `${i.timing.usedDays} wd used`)}`
                        : ''}
                    </span>
                    <ProvisionalTag year={i.timing.provisionalYear} />
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
      <ApprovalHandleModal item={handling} onClose={() => setHandling(null)} />
    </>
  );
}
