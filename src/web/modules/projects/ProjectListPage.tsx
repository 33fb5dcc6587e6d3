import { useState } from 'react';
import { Button, Progress, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { ListPage, type ListColumn } from '../../components/list/ListPage.js';
import { useListState } from '../../components/list/useListState.js';
import { PROJECT_LEVELS, PROJECT_STAGES } from '../../../shared/project-stages.js';
import { DEFAULT_PROJECT_FILTERS, type Facets, type ProjectItem, type ProjectPage } from './api.js';
import { COLOURS, levelLabel, stageLabel, wan } from './labels.js';
import { WarningBadge } from './components/WarningBadge.js';
import { ProjectFormDrawer } from './components/ProjectFormDrawer.js';

/** 项目台账: the list page — filters and sort in the URL (stage, colour, township, level, chain, leader), colour badges with reasons, Excel export of what is filtered. */
export default function ProjectListPage() {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const list = useListState(DEFAULT_PROJECT_FILTERS);
  const f = list.state;
  const [creating, setCreating] = useState(false);
  const page = useQuery({ queryKey: ['projects', f, lang], queryFn: () => get<ProjectPage>('/api/projects', f) });
  const facets = useQuery({ queryKey: ['project-facets'], queryFn: () => get<Facets>('/api/projects/facets') });
  const opts = (m: Record<string, { zh: string; en: string }>) =>
    Object.entries(m).map(([value, l]) => ({ value, label: tr(l.zh, l.en) }));

  const columns: ListColumn<ProjectItem>[] = [
    {
      title: tr('预警', 'Warning'),
      dataIndex: 'warning',
      sortKey: 'risk',
      sortDirection: 'descend',
      width: 70,
      fixed: 'left',
      render: (_, p) => <WarningBadge warning={p.warning} />,
    },
    {
      title: tr('项目名称', 'Project'),
      dataIndex: 'name',
      sortKey: 'name',
      width: 240,
      fixed: 'left',
      render: (_, p) => (
        <Link to={`/projects/${p.id}`} data-testid="project-link">
          {p.name}
        </Link>
      ),
    },
    { title: tr('编号', 'Code'), dataIndex: 'code', sortKey: 'code', width: 120, responsive: ['lg'] },
    { title: tr('属地乡镇', 'Township'), dataIndex: ['township', 'name'], width: 110 },
    {
      title: tr('阶段', 'Stage'),
      dataIndex: 'stage',
      width: 90,
      filterKey: 'stage',
      filters: Object.entries(PROJECT_STAGES).map(([value, l]) => ({ text: tr(l.zh, l.en), value })),
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
      sortKey: 'investment',
      sortDirection: 'descend',
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

  const register = can('projects.write') && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-new">
      {tr('登记项目', 'Register')}
    </Button>
  );
  return (
    <ListPage<ProjectItem, typeof DEFAULT_PROJECT_FILTERS>
      listId="projects"
      title={tr('重点项目', 'Projects')}
      list={list}
      data={page.data}
      loading={page.isFetching}
      columns={columns}
      rowKey="id"
      table={{ scroll: { x: 1500 }, mobileCard: card }}
      search={{
        name: 'q',
        placeholder: tr('名称、编号或拼音首字母', 'Name, code or pinyin initials'),
        testId: 'project-search',
      }}
      fields={[
        {
          name: 'colour',
          label: tr('预警颜色', 'Colour'),
          input: (
            <Select
              allowClear
              placeholder={tr('预警颜色', 'Colour')}
              style={{ width: 110 }}
              options={Object.entries(COLOURS).map(([value, c]) => ({ value, label: tr(`${c.zh}色`, c.en) }))}
              data-testid="filter-colour"
            />
          ),
        },
        {
          name: 'stage',
          label: tr('阶段', 'Stage'),
          input: (
            <Select
              allowClear
              placeholder={tr('阶段', 'Stage')}
              style={{ width: 110 }}
              options={opts(PROJECT_STAGES)}
            />
          ),
        },
        {
          name: 'townshipId',
          label: tr('属地乡镇', 'Township'),
          input: (
            <Select
              allowClear
              placeholder={tr('属地乡镇', 'Township')}
              style={{ width: 140 }}
              options={(facets.data?.townships ?? []).map((t) => ({ value: t.id, label: t.name }))}
            />
          ),
        },
        {
          name: 'level',
          label: tr('级别', 'Level'),
          input: (
            <Select
              allowClear
              placeholder={tr('级别', 'Level')}
              style={{ width: 110 }}
              options={opts(PROJECT_LEVELS)}
            />
          ),
        },
        {
          name: 'chain',
          label: tr('产业链', 'Chain'),
          input: (
            <Select
              allowClear
              placeholder={tr('产业链', 'Chain')}
              style={{ width: 120 }}
              options={(facets.data?.chains ?? []).map((c) => ({ value: c, label: c }))}
            />
          ),
        },
        {
          name: 'leaderId',
          label: tr('包联领导', 'Leader'),
          input: (
            <Select
              allowClear
              placeholder={tr('包联领导', 'Leader')}
              style={{ width: 120 }}
              options={(facets.data?.leaders ?? []).map((l) => ({ value: l.id, label: l.name }))}
            />
          ),
        },
        {
          name: 'mine',
          label: tr('范围', 'Scope'),
          input: (
            <Select
              allowClear
              placeholder={tr('范围', 'Scope')}
              style={{ width: 130 }}
              options={[{ value: 'true', label: tr('我包联/负责的', 'Mine') }]}
            />
          ),
        },
      ]}
      exportPath="/api/projects/export"
      exportTestId="projects-export"
      actions={register}
      // above 10,000 matches the server estimates the total (totalExact: false) rather than count them all
      totalText={(n, exact) =>
        exact
          ? tr(`共 ${n} 个项目`, `${n} projects`)
          : tr(`约 ${n.toLocaleString('zh-CN')} 个项目`, `about ${n.toLocaleString('en')} projects`)
      }
      empty={{
        text: can('projects.write')
          ? tr('暂无项目。可点「登记项目」录入', 'No projects yet. Use "Register"')
          : tr('暂无项目。项目由组织部登记', 'No projects yet. The organisation department registers them'),
        action: register || undefined,
      }}
    >
      <ProjectFormDrawer open={creating} project={null} onClose={() => setCreating(false)} />
    </ListPage>
  );
}
