import { useState } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Collapse,
  Descriptions,
  Grid,
  Progress,
  Result,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError, get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { serverToday } from '../../app/server-clock.js';
import type { ProjectDetail } from './api.js';
import { COLOURS, CONTRACTOR_ROLES, kindLabel, levelLabel, stageLabel, taskForceLabel, wan } from './labels.js';
import { WarningBadge } from './components/WarningBadge.js';
import { NodesPanel } from './components/NodesPanel.js';
import { ApprovalsPanel } from './components/ApprovalsPanel.js';
import { ProgressPanel } from './components/ProgressPanel.js';
import { HistoryPanel } from './components/HistoryPanel.js';
import { CadencePanel } from './components/CadencePanel.js';
import { ProjectFormDrawer } from './components/ProjectFormDrawer.js';

/** Keeps the description table inside a 390px phone: fixed layout, long names and tags wrap. */
const PHONE_CSS = `.xf-desc table { table-layout: fixed; width: 100%; } .xf-desc .ant-descriptions-item-content { word-break: break-all; min-width: 0; } .xf-desc .ant-tag { white-space: normal; }`;

/** 项目详情 (phone-friendly): colour and why, the 四对一 binding, nodes, approvals, investment, history, cadence. */
export default function ProjectDetailPage() {
  const { id } = useParams();
  const { tr, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [editing, setEditing] = useState(false);
  const q = useQuery({
    queryKey: ['project', Number(id), lang],
    queryFn: () => get<ProjectDetail>(`/api/projects/${id}`),
  });
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.error)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={(q.error as Error).message}
        extra={<Link to="/projects">{tr('返回项目列表', 'Back to projects')}</Link>}
      />
    );
  const p = q.data as ProjectDetail;
  const today = serverToday();
  const c = COLOURS[p.warning.colour];
  const facts = (
    <Descriptions className="xf-desc" size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered={screens.md}>
      <Descriptions.Item label={tr('编号', 'Code')}>{p.code}</Descriptions.Item>
      <Descriptions.Item label={tr('阶段', 'Stage')}>
        <Tag>{stageLabel(p.stage, tr)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={tr('类型 / 级别', 'Kind / level')}>
        {kindLabel(p.kind, tr)}
        {p.level ? ` · ${levelLabel(p.level, tr)}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={tr('行业 / 产业链', 'Industry / chain')}>
        {[p.industry, p.chain].filter(Boolean).join(' · ')}
      </Descriptions.Item>
      <Descriptions.Item label={tr('总投资', 'Total investment')}>
        {wan(p.totalInvestment)} {tr('万元', '×10k ¥')}
      </Descriptions.Item>
      <Descriptions.Item label={tr('本年完成 / 计划', 'This year / plan')}>
        {wan(p.yearInvestment)} / {wan(p.annualPlanInvestment)}
      </Descriptions.Item>
      <Descriptions.Item label={tr('形象进度', 'Progress')}>
        <Progress
          percent={p.progress ?? 0}
          size="small"
          strokeColor={c.hex}
          format={() =>
            `${p.progress ?? '—'}%${p.warning.plannedProgress !== null ? tr(`（计划 ${p.warning.plannedProgress}%）`, ` (plan ${p.warning.plannedProgress}%)`) : ''}`
          }
        />
      </Descriptions.Item>
      <Descriptions.Item label={tr('计划工期', 'Schedule')}>
        {p.plannedStart ?? '—'} ~ {p.plannedEnd ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={tr('预计年产值 / 税收', 'Output / tax')}>
        {wan(p.expectedOutput)} / {wan(p.expectedTax)}
      </Descriptions.Item>
      <Descriptions.Item label={tr('属地乡镇', 'Township')}>{p.township?.name}</Descriptions.Item>
      <Descriptions.Item label={tr('项目党支部', 'Party branch')}>
        {p.partyBranch?.name ?? tr('未建立', 'None yet')}
      </Descriptions.Item>
      <Descriptions.Item label={tr('指挥部', 'Headquarters')}>{p.headquarters ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={tr('牵头单位', 'Lead unit')}>{p.leadUnit?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={tr('包联领导', 'Leader in charge')}>{p.leader?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={tr('项目专员', 'Commissioner')}>
        {p.commissioner ? (
          <Space orientation="vertical" size={0}>
            <span>{p.commissioner.name}</span>
            <Typography.Text type="secondary">{p.commissionerRoles}</Typography.Text>
          </Space>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={tr('业主单位 / 项目经理', 'Owner / manager')}>
        {[p.ownerFirm?.name, p.managerName].filter(Boolean).join(' · ')}
      </Descriptions.Item>
      <Descriptions.Item label={tr('承建单位', 'Contractors')} span={{ xs: 1, sm: 2, md: 3 }}>
        {p.contractors.length
          ? p.contractors.map((x) => (
              <Tag key={x.id}>
                {x.name}（{tr(CONTRACTOR_ROLES[x.role]?.zh ?? x.role, CONTRACTOR_ROLES[x.role]?.en ?? x.role)}
                {x.parentId ? tr(`，隶属 ${p.contractors.find((y) => y.id === x.parentId)?.name ?? ''}`, '') : ''}）
              </Tag>
            ))
          : '—'}
      </Descriptions.Item>
      {p.taskForces.length > 0 && (
        <Descriptions.Item label={tr('工作专班', 'Task forces')} span={{ xs: 1, sm: 2, md: 3 }}>
          {p.taskForces.map((t) => (
            <div key={t.id}>
              <Tag color="red">{taskForceLabel(t.level, tr)}</Tag>
              {t.name}：{t.members.map((m) => `${m.name}${m.title ? `（${m.title}）` : ''}`).join('、')}
            </div>
          ))}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <style>{PHONE_CSS}</style>
      <Breadcrumb items={[{ title: <Link to="/projects">{tr('重点项目', 'Projects')}</Link> }, { title: p.code }]} />
      <Card
        title={
          <Space wrap>
            <span data-testid="project-title">{p.name}</span>
            <WarningBadge warning={p.warning} full />
          </Space>
        }
        extra={p.abilities.edit && <Button onClick={() => setEditing(true)}>{tr('修改', 'Edit')}</Button>}
        styles={{ body: { paddingTop: 8 } }}
      >
        <Alert
          type={p.warning.colour === 'red' ? 'error' : p.warning.colour === 'yellow' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12, borderColor: c.hex }}
          title={<span data-testid="warning-reason">{p.warning.reasons[0]?.text}</span>}
          description={
            p.warning.reasons.length > 1
              ? p.warning.reasons.slice(1).map((r, i) => <div key={i}>{r.text}</div>)
              : undefined
          }
        />
        {/* on a phone the facts fold under 项目概况 and the nodes with their 更新 come up (decision 029) */}
        {phone ? (
          <Collapse
            ghost
            size="small"
            items={[{ key: 'facts', label: tr('项目概况', 'Project facts'), children: facts }]}
            data-testid="project-facts"
          />
        ) : (
          facts
        )}
      </Card>
      <Card styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          items={[
            { key: 'nodes', label: tr('时间节点', 'Time nodes'), children: <NodesPanel project={p} today={today} /> },
            { key: 'approvals', label: tr('审批验收', 'Approvals'), children: <ApprovalsPanel projectId={p.id} /> },
            { key: 'progress', label: tr('投资进度', 'Investment'), children: <ProgressPanel project={p} /> },
            { key: 'history', label: tr('历史', 'History'), children: <HistoryPanel projectId={p.id} /> },
            {
              key: 'cadence',
              label: tr('调度督办', 'Dispatch & supervision'),
              children: <CadencePanel projectId={p.id} today={today} />,
            },
          ]}
        />
      </Card>
      <ProjectFormDrawer open={editing} project={p} onClose={() => setEditing(false)} />
    </Space>
  );
}
