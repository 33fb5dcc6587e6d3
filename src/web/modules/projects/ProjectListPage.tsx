import { useState } from 'react';
import { Button, Card, Input, Progress, Select, Space, Tag, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { download, get } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { PROJECT_LEVELS, PROJECT_STAGES } from '../../../shared/project-stages.js';
import { DEFAULT_PROJECT_FILTERS, type Facets, type ProjectItem, type ProjectPage } from './api.js';
import { COLOURS, levelLabel, stageLabel, wan } from './labels.js';
import { WarningBadge } from './components/WarningBadge.js';
import { ProjectFormDrawer } from './components/ProjectFormDrawer.js';

/** 项目台账: filters in the URL (stage, colour, township, level, chain, leader), colour badges with reasons, Excel export. */
export default function ProjectListPage() {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const [f, setF] = useUrlState(DEFAULT_PROJECT_FILTERS);
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['projects', f, lang], queryFn: () => get<ProjectPage>('/api/projects', f) });
  const facets = useQuery({ queryKey: ['project-facets'], queryFn: () => get<Facets>('/api/projects/facets') });
  const opts = (m: Record<string, { zh: string; en: string }>) =>
    Object.entries(m).map(([value, l]) => ({ value, label: tr(l.zh, l.en) }));

  const columns: ColumnsType<ProjectItem> = [
    {
      title: tr('预警', 'Warning'),
      dataIndex: 'warning',
      width: 70,
      fixed: 'left',
      render: (_, p) => <WarningBadge warning={p.warning} />,
    },
    {
      title: tr('项目名称', 'Project'),
      dataIndex: 'name',
      width: 240,
      fixed: 'left',
      render: (_, p) => (
        <Link to={`/projects/${p.id}`} data-testid="project-link">
          {p.name}
        </Link>
      ),
    },
    { title: tr('编号', 'Code'), dataIndex: 'code', width: 120, responsive: ['lg'] },
    { title: tr('属地乡镇', 'Township'), dataIndex: ['township', 'name'], width: 110 },
    {
      title: tr('阶段', 'Stage'),
      dataIndex: 'stage',
      width: 90,
      render: (s: string) => <Tag>{stageLabel(s, tr)}</Tag>,
    },
    {
      title: tr('级别', 'Level'),
      dataIndex: 'level',
      width: 90,
      responsive: ['lg'],
      render: (s: string | null) => levelLabel(s, tr),
    },
    { title: tr('产业链', 'Chain'), dataIndex: 'chain', width: 100, responsive: ['xl'] },
    {
      title: tr('总投资（万元）', 'Total (10k ¥)'),
      dataIndex: 'totalInvestment',
      width: 130,
      align: 'right',
      render: (v: number | null) => wan(v),
    },
    {
      title: tr('本年完成（万元）', 'This year (10k ¥)'),
      dataIndex: 'yearInvestment',
      width: 130,
      align: 'right',
      responsive: ['lg'],
      render: (v: number) => wan(v),
    },
    {
      title: tr('形象进度', 'Progress'),
      dataIndex: 'progress',
      width: 150,
      render: (v: number | null, p) =>
        v === null ? (
          <Typography.Text type="secondary">{tr('未填报', 'Not reported')}</Typography.Text>
        ) : (
          <Progress
            percent={v}
            size="small"
            strokeColor={COLOURS[p.warning.colour].hex}
            format={() => `${v}%${p.warning.plannedProgress !== null ? `/${p.warning.plannedProgress}%` : ''}`}
          />
        ),
    },
    { title: tr('包联领导', 'Leader'), dataIndex: ['leader', 'name'], width: 90 },
    { title: tr('项目专员', 'Commissioner'), dataIndex: ['commissioner', 'name'], width: 90, responsive: ['lg'] },
    {
      title: tr('牵头单位', 'Lead unit'),
      dataIndex: ['leadUnit', 'name'],
      width: 140,
      responsive: ['xl'],
      ellipsis: true,
    },
  ];

  // on a phone: a card per project, its colour and name first, then stage, progress and who (decision 029)
  const card = (p: ProjectItem) => (
    <div className="xf-row-card" data-testid="project-card">
      <div className="xf-row-card-title">
        <Space size={8} align="start">
          <WarningBadge warning={p.warning} />
          <Link to={`/projects/${p.id}`} data-testid="project-link">
            {p.name}
          </Link>
        </Space>
      </div>
      <div className="xf-row-card-meta">
        <Tag>{stageLabel(p.stage, tr)}</Tag>
        <span>{p.township?.name}</span>
        <span>
          {tr('形象进度', 'Progress')} {p.progress === null ? tr('未填报', 'not reported') : `${p.progress}%`}
        </span>
      </div>
      <div className="xf-row-card-meta">
        {tr('总投资', 'Total')} {wan(p.totalInvestment)} {tr('万元', '×10k ¥')}
        {p.leader?.name ? ` · ${tr('包联', 'Leader')} ${p.leader.name}` : ''}
      </div>
    </div>
  );

  const filters = { ...f, page: undefined, pageSize: undefined };
  return (
    <Card
      title={tr('重点项目', 'Projects')}
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download('/api/projects/export', filters)}
            data-testid="projects-export"
          >
            {tr('导出 Excel', 'Export Excel')}
          </Button>
          {can('projects.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-new">
              {tr('登记项目', 'Register')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={tr('名称、编号或拼音首字母', 'Name, code or pinyin initials')}
          defaultValue={f.q}
          onSearch={(q) => setF({ q })}
          style={{ width: 240 }}
          data-testid="project-search"
        />
        <Select
          allowClear
          placeholder={tr('预警颜色', 'Colour')}
          style={{ width: 110 }}
          value={f.colour}
          onChange={(colour: string | undefined) => setF({ colour })}
          options={Object.entries(COLOURS).map(([value, c]) => ({ value, label: tr(`${c.zh}色`, c.en) }))}
          data-testid="filter-colour"
        />
        <Select
          allowClear
          placeholder={tr('阶段', 'Stage')}
          style={{ width: 110 }}
          value={f.stage}
          onChange={(stage: string | undefined) => setF({ stage })}
          options={opts(PROJECT_STAGES)}
        />
        <Select
          allowClear
          placeholder={tr('属地乡镇', 'Township')}
          style={{ width: 140 }}
          value={f.townshipId}
          onChange={(townshipId: number | undefined) => setF({ townshipId })}
          options={(facets.data?.townships ?? []).map((t) => ({ value: t.id, label: t.name }))}
        />
        <Select
          allowClear
          placeholder={tr('级别', 'Level')}
          style={{ width: 110 }}
          value={f.level}
          onChange={(level: string | undefined) => setF({ level })}
          options={opts(PROJECT_LEVELS)}
        />
        <Select
          allowClear
          placeholder={tr('产业链', 'Chain')}
          style={{ width: 120 }}
          value={f.chain}
          onChange={(chain: string | undefined) => setF({ chain })}
          options={(facets.data?.chains ?? []).map((c) => ({ value: c, label: c }))}
        />
        <Select
          allowClear
          placeholder={tr('包联领导', 'Leader')}
          style={{ width: 120 }}
          value={f.leaderId}
          onChange={(leaderId: number | undefined) => setF({ leaderId })}
          options={(facets.data?.leaders ?? []).map((l) => ({ value: l.id, label: l.name }))}
        />
        <Select
          allowClear
          placeholder={tr('范围', 'Scope')}
          style={{ width: 130 }}
          value={f.mine}
          onChange={(mine: string | undefined) => setF({ mine })}
          options={[{ value: 'true', label: tr('我包联/负责的', 'Mine') }]}
        />
      </Space>
      <Table<ProjectItem>
        mobileCard={card}
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.data ?? []}
        scroll={{ x: 1500 }}
        locale={{
          emptyText: tr(
            '没有符合条件的项目；可调整筛选条件，或由组织部登记项目',
            'No projects match; change the filters, or register one',
          ),
        }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          // above 10,000 matches the server estimates the total (totalExact: false) rather than count them all
          showTotal: (n) =>
            list.data?.totalExact === false
              ? tr(`约 ${n.toLocaleString('zh-CN')} 个项目`, `about ${n.toLocaleString('en')} projects`)
              : tr(`共 ${n} 个项目`, `${n} projects`),
          onChange: (page, pageSize) => setF({ page, pageSize }),
        }}
      />
      <ProjectFormDrawer open={creating} project={null} onClose={() => setCreating(false)} />
    </Card>
  );
}
