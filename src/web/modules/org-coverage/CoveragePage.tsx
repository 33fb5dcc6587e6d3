import { useState } from 'react';
import { Col, Row, Space, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';
import { coverageOverview, coverageProposals, setupTasks } from './api.js';
import { RateCard } from './RateCard.js';
import { ProposalsTab } from './ProposalsTab.js';
import { UnitsTab, type UnitsFilter } from './UnitsTab.js';
import { TasksTab } from './TasksTab.js';

/** 组织覆盖: rates per township with their formulas, units by class, coverage by township as bars, 三同步 tasks. */
export default function CoveragePage() {
  const { tr, lang } = useI18n();
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<UnitsFilter>({ cls: undefined, town: undefined, page: 1 });
  const overview = useQuery({
    queryKey: ['coverage', 'overview', filter.cls, filter.town, filter.page],
    queryFn: () => coverageOverview({ class: filter.cls, townshipId: filter.town, page: filter.page }),
  });
  const proposals = useQuery({ queryKey: ['coverage', 'proposals'], queryFn: coverageProposals });
  const tasks = useQuery({ queryKey: ['coverage', 'tasks'], queryFn: setupTasks });
  const o = overview.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {o && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <RateCard title={o.region.name || tr('本区域', 'This region')} rates={o.region} formulas={o.formulas} />
          </Col>
          {o.townships
            // a 专员's scope is a township: its card is the first one already
            .filter((t) => t.id !== o.region.id)
            .map((t) => (
              <Col xs={24} md={8} key={t.id}>
                <RateCard title={t.name} rates={t} formulas={o.formulas} />
              </Col>
            ))}
          <Col span={24}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {o.formulas.orgRate[lang]}；{o.formulas.workRate[lang]}。{o.formulas.memberCounting[lang]}。
            </Typography.Paragraph>
          </Col>
        </Row>
      )}
      <Tabs
        defaultActiveKey={params.get('tab') ?? 'proposals'}
        items={[
          {
            key: 'proposals',
            label: tr(
              `联合党支部建议（${proposals.data?.data.filter((p) => p.status === 'open').length ?? 0}）`,
              'Joint-branch proposals',
            ),
            children: <ProposalsTab proposals={proposals.data} overview={o} loading={proposals.isLoading} />,
          },
          {
            key: 'units',
            label: tr('单位覆盖分类', 'Units by class'),
            children: <UnitsTab o={o} loading={overview.isLoading} filter={filter} onFilter={setFilter} />,
          },
          {
            key: 'tasks',
            label: tr(
              `三同步任务（${tasks.data?.data.filter((t) => t.status === 'open').length ?? 0}）`,
              'Party-building set-up tasks (the “three synchronisations”)',
            ),
            children: <TasksTab tasks={tasks.data?.data ?? []} loading={tasks.isLoading} />,
          },
        ]}
      />
    </Space>
  );
}
