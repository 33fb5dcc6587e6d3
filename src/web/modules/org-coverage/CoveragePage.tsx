import { ProvisionalTag } from '../../components/ProvisionalTag.js';
import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useSearchParams } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useAuth } from '../../app/auth.js';
import { echarts } from '../../components/charts.js';
import { RecomputeProposals } from './RecomputeProposals.js';

type CoverageClass = 'own_branch' | 'joint_branch' | 'needs_own' | 'needs_joint';
interface Rates {
  units: number;
  orgCovered: number;
  workCovered: number;
  orgRate: number;
  workRate: number;
}
interface Text {
  zh: string;
  en: string;
}
interface UnitRow {
  key: string;
  kind: 'project' | 'firm';
  id: number;
  name: string;
  townshipName: string;
  industry: string | null;
  byRelation: number;
  byParticipation: number;
  formalMembers: number;
  class: CoverageClass;
  classZh: string;
  coveredBy: { orgId: number; orgName: string; joint: boolean } | null;
  hasInstructor: boolean;
}
interface Overview {
  formulas: { orgRate: Text; workRate: Text; memberCounting: Text; classes: Record<CoverageClass, Text> };
  region: Rates & { name: string };
  townships: Array<Rates & { id: number; name: string }>;
  byClass: Record<CoverageClass, number>;
  units: { data: UnitRow[]; total: number; page: number; pageSize: number };
}
interface StoredUnit {
  key: string;
  kind: string;
  name: string;
  members: number;
  lng: number;
  lat: number;
  industry: string | null;
}
interface ProposalRow {
  id: number;
  name: string;
  areaName: string;
  status: 'open' | 'accepted' | 'rejected' | 'stale';
  units: StoredUnit[];
  reasons: Text[];
  formalMembers: number;
  decisionNote: string | null;
  createdOrgUnitId: number | null;
}
interface Proposals {
  data: ProposalRow[];
  total: number;
  computedAt: string | null;
  leftOver: Array<{ key: string; name: string; members: number; lng: number | null; lat: number | null }>;
}
interface TaskRow {
  id: number;
  projectName: string;
  projectCode: string;
  township: string;
  dueOn: string;
  provisionalYear: number | null;
  status: string;
  managerName: string | null;
  daysLeft: number | null;
}

const CLASS_COLOURS: Record<CoverageClass, string> = {
  own_branch: 'green',
  joint_branch: 'cyan',
  needs_own: 'red',
  needs_joint: 'orange',
};
const PALETTE = [
  '#c23531',
  '#2f4554',
  '#61a0a8',
  '#d48265',
  '#91c7ae',
  '#749f83',
  '#ca8622',
  '#bda29a',
  '#6e7074',
  '#546570',
];

function RateCard({ title, rates, formulas }: { title: string; rates: Rates; formulas: Overview['formulas'] }) {
  const { tr, lang } = useI18n();
  return (
    <Card size="small" title={title} data-testid={`rates-${title}`}>
      <Row gutter={16}>
        <Col span={12}>
          <Tooltip title={formulas.orgRate[lang]}>
            <div data-testid="org-rate" data-value={rates.orgRate}>
              <Statistic title={tr('组织覆盖率', 'Organisation coverage')} value={rates.orgRate} suffix="%" />
            </div>
          </Tooltip>
          <Typography.Text type="secondary">
            {rates.orgCovered} / {rates.units}
          </Typography.Text>
        </Col>
        <Col span={12}>
          <Tooltip title={formulas.workRate[lang]}>
            <Statistic title={tr('工作覆盖率', 'Work coverage')} value={rates.workRate} suffix="%" />
          </Tooltip>
          <Typography.Text type="secondary">
            {rates.workCovered} / {rates.units}
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}

function ProposalMap({ proposals, leftOver }: { proposals: ProposalRow[]; leftOver: Proposals['leftOver'] }) {
  const { tr, lang } = useI18n();
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: {
          seriesName: string;
          data: { name: string; members: number; industry: string | null; reasons?: string };
        }) =>
          `<b>${p.seriesName}</b><br/>${p.data.name}（${p.data.industry ?? ''}，${tr('正式党员', 'formal members')} ${p.data.members}）${p.data.reasons ? `<br/>${p.data.reasons}` : ''}`,
      },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'value', scale: true, name: tr('经度', 'lng') },
      yAxis: { type: 'value', scale: true, name: tr('纬度', 'lat') },
      series: [
        ...proposals.map((p, i) => ({
          name: `${p.name}${p.status === 'open' ? '' : `（${p.status === 'accepted' ? tr('已采纳', 'accepted') : tr('已否决', 'rejected')}）`}`,
          type: 'scatter',
          symbolSize: (v: number[]) => 10 + (v[2] ?? 0) * 5,
          itemStyle: { color: PALETTE[i % PALETTE.length], opacity: p.status === 'rejected' ? 0.3 : 0.9 },
          data: p.units.map((u) => ({
            value: [u.lng, u.lat, u.members],
            name: u.name,
            members: u.members,
            industry: u.industry,
            reasons: p.reasons.map((r) => r[lang]).join('<br/>'),
          })),
        })),
        {
          name: tr('暂无可联合的单位', 'No partner nearby'),
          type: 'scatter',
          symbol: 'diamond',
          itemStyle: { color: '#999' },
          data: leftOver
            .filter((u) => u.lng !== null)
            .map((u) => ({ value: [u.lng, u.lat, u.members], name: u.name, members: u.members, industry: null })),
        },
      ],
    }),
    [proposals, leftOver, lang, tr],
  );
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 420 }} notMerge />;
}

function AcceptModal({ proposal, onClose }: { proposal: ProposalRow | null; onClose: () => void }) {
  const { tr } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; keep: string[] }>();
  const accept = useMutation({
    mutationFn: (v: { name: string; keep: string[] }) =>
      post<{ orgUnitId: number }>(`/api/coverage/proposals/${proposal!.id}/accept`, {
        name: v.name,
        removeKeys: proposal!.units.map((u) => u.key).filter((k) => !v.keep.includes(k)),
      }),
    onSuccess: () => {
      void message.success(tr('已建立联合党支部', 'Joint branch created'));
      void qc.invalidateQueries({ queryKey: ['coverage'] });
      void qc.invalidateQueries({ queryKey: ['org-tree'] });
      onClose();
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Modal
      open={proposal !== null}
      title={tr('采纳建议，建立联合党支部', 'Accept: create the joint branch')}
      onCancel={onClose}
      destroyOnHidden
      okText={tr('确认建立', 'Create')}
      okButtonProps={{ loading: accept.isPending, 'data-testid': 'accept-confirm' } as never}
      onOk={() => void form.validateFields().then((v) => accept.mutate(v))}
    >
      {proposal && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: proposal.name, keep: proposal.units.map((u) => u.key) }}
        >
          <Form.Item name="name" label={tr('名称', 'Name')} rules={[{ required: true, min: 2 }]}>
            <Input data-testid="accept-name" />
          </Form.Item>
          <Form.Item name="keep" label={tr('覆盖单位（可移出）', 'Units (remove any)')}>
            <Select
              mode="multiple"
              options={proposal.units.map((u) => ({ value: u.key, label: `${u.name}（${u.members}）` }))}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            {tr(
              '系统将检查：同一乡镇、相距不超过 3 公里、至多 5 个单位、正式党员合计不少于 3 名。',
              'Checked: same township, within 3 km, at most 5 units, at least 3 formal members.',
            )}
          </Typography.Paragraph>
        </Form>
      )}
    </Modal>
  );
}

/** 组织覆盖: rates per township with their formulas, units by class, joint-branch proposals on a scatter of coordinates, 三同步 tasks. */
export default function CoveragePage() {
  const { tr, lang } = useI18n();
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [cls, setCls] = useState<CoverageClass | undefined>();
  const [town, setTown] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [accepting, setAccepting] = useState<ProposalRow | null>(null);
  const overview = useQuery({
    queryKey: ['coverage', 'overview', cls, town, page],
    queryFn: () => get<Overview>('/api/coverage', { class: cls, townshipId: town, page, pageSize: 20 }),
  });
  const proposals = useQuery({
    queryKey: ['coverage', 'proposals'],
    queryFn: () => get<Proposals>('/api/coverage/proposals', { pageSize: 200 }),
  });
  const tasks = useQuery({
    queryKey: ['coverage', 'tasks'],
    queryFn: () => get<{ data: TaskRow[]; total: number }>('/api/coverage/setup-tasks', { pageSize: 100 }),
  });
  const reject = useMutation({
    mutationFn: (v: { id: number; reason: string }) =>
      post(`/api/coverage/proposals/${v.id}/reject`, { reason: v.reason }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['coverage'] }),
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const o = overview.data;
  const decide = can('coverage.decide');
  const askReject = (p: ProposalRow) => {
    let reason = '';
    modal.confirm({
      title: tr(`否决「${p.name}」`, `Reject ${p.name}`),
      content: (
        <Input.TextArea
          data-testid="reject-reason"
          placeholder={tr('原因（必填）', 'Reason (required)')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: () => reject.mutateAsync({ id: p.id, reason }),
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {o && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <RateCard title={o.region.name || tr('本区域', 'This region')} rates={o.region} formulas={o.formulas} />
          </Col>
          {o.townships.map((t) => (
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
            children: (
              <Row gutter={16}>
                <Col xs={24} lg={12}>
                  <Card size="small" loading={proposals.isLoading}>
                    <ProposalMap proposals={proposals.data?.data ?? []} leftOver={proposals.data?.leftOver ?? []} />
                  </Card>
                </Col>
                <Col xs={24} lg={12}>
                  <RecomputeProposals computedAt={proposals.data?.computedAt} />
                  <Table<ProposalRow>
                    rowKey="id"
                    size="small"
                    loading={proposals.isLoading}
                    dataSource={proposals.data?.data ?? []}
                    pagination={false}
                    expandable={{
                      expandedRowRender: (p) => (
                        <ul style={{ margin: 0 }}>
                          {p.reasons.map((r, i) => (
                            <li key={i}>{r[lang]}</li>
                          ))}
                        </ul>
                      ),
                    }}
                    columns={[
                      {
                        title: tr('建议名称', 'Name'),
                        dataIndex: 'name',
                        render: (v: string, p) => <span data-testid={`proposal-${p.id}`}>{v}</span>,
                      },
                      {
                        title: tr('单位', 'Units'),
                        render: (_: unknown, p) => p.units.map((u) => `${u.name}（${u.members}）`).join('、'),
                      },
                      { title: tr('党员', 'Members'), dataIndex: 'formalMembers', width: 60 },
                      {
                        title: tr('状态', 'Status'),
                        width: 150,
                        render: (_: unknown, p) =>
                          p.status === 'open' && decide ? (
                            <Space>
                              <Button
                                size="small"
                                type="primary"
                                data-testid={`accept-${p.id}`}
                                onClick={() => setAccepting(p)}
                              >
                                {tr('采纳', 'Accept')}
                              </Button>
                              <Button size="small" danger data-testid={`reject-${p.id}`} onClick={() => askReject(p)}>
                                {tr('否决', 'Reject')}
                              </Button>
                            </Space>
                          ) : (
                            <Tag
                              color={p.status === 'accepted' ? 'green' : p.status === 'rejected' ? 'default' : 'blue'}
                            >
                              {p.status === 'accepted'
                                ? tr('已采纳', 'Accepted')
                                : p.status === 'rejected'
                                  ? `${tr('已否决', 'Rejected')}：${p.decisionNote ?? ''}`
                                  : tr('待决定', 'Open')}
                            </Tag>
                          ),
                      },
                    ]}
                  />
                </Col>
              </Row>
            ),
          },
          {
            key: 'units',
            label: tr('单位覆盖分类', 'Units by class'),
            children: (
              <Card size="small">
                <Space wrap style={{ marginBottom: 12 }}>
                  {o &&
                    (Object.keys(o.byClass) as CoverageClass[]).map((c) => (
                      <Tag.CheckableTag
                        key={c}
                        checked={cls === c}
                        onChange={(on) => (setCls(on ? c : undefined), setPage(1))}
                      >
                        {o.formulas.classes[c][lang]}：{o.byClass[c]}
                      </Tag.CheckableTag>
                    ))}
                  <Select
                    allowClear
                    placeholder={tr('乡镇（街道）', 'Township')}
                    style={{ width: 180 }}
                    value={town}
                    onChange={(v) => (setTown(v), setPage(1))}
                    options={(o?.townships ?? []).map((t) => ({ value: t.id, label: t.name }))}
                  />
                </Space>
                <Table<UnitRow>
                  rowKey="key"
                  size="small"
                  loading={overview.isLoading}
                  dataSource={o?.units.data ?? []}
                  pagination={{
                    current: page,
                    pageSize: 20,
                    total: o?.units.total ?? 0,
                    onChange: setPage,
                    showSizeChanger: false,
                  }}
                  columns={[
                    { title: tr('单位', 'Unit'), dataIndex: 'name' },
                    {
                      title: tr('类型', 'Kind'),
                      dataIndex: 'kind',
                      width: 70,
                      render: (k: string) => (k === 'project' ? tr('项目', 'Project') : tr('企业', 'Firm')),
                    },
                    { title: tr('乡镇', 'Township'), dataIndex: 'townshipName', width: 100 },
                    { title: tr('行业', 'Industry'), dataIndex: 'industry', width: 90 },
                    {
                      title: tr('正式党员（关系在此/参与）', 'Formal members (relation / participating)'),
                      width: 150,
                      render: (_: unknown, u) => `${u.formalMembers}（${u.byRelation} / ${u.byParticipation}）`,
                    },
                    {
                      title: tr('分类', 'Class'),
                      width: 190,
                      render: (_: unknown, u) => (
                        <Tag color={CLASS_COLOURS[u.class]}>{o?.formulas.classes[u.class][lang] ?? u.classZh}</Tag>
                      ),
                    },
                    {
                      title: tr('覆盖组织', 'Covered by'),
                      render: (_: unknown, u) =>
                        u.coveredBy?.orgName ?? (u.hasInstructor ? tr('已派党建指导员', 'Instructor assigned') : ''),
                    },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'tasks',
            label: tr(
              `三同步任务（${tasks.data?.data.filter((t) => t.status === 'open').length ?? 0}）`,
              '三同步 tasks',
            ),
            children: (
              <Table<TaskRow>
                rowKey="id"
                size="small"
                loading={tasks.isLoading}
                dataSource={tasks.data?.data ?? []}
                pagination={false}
                columns={[
                  { title: tr('项目', 'Project'), render: (_: unknown, r) => `${r.projectName}（${r.projectCode}）` },
                  { title: tr('乡镇', 'Township'), dataIndex: 'township' },
                  { title: tr('项目经理', 'Manager'), dataIndex: 'managerName' },
                  {
                    title: tr('组建期限', 'Due'),
                    render: (_: unknown, r) => (
                      <>
                        {r.dueOn} <ProvisionalTag year={r.provisionalYear} />
                      </>
                    ),
                  },
                  {
                    title: tr('状态', 'Status'),
                    render: (_: unknown, r) =>
                      r.status === 'open' ? (
                        <Space>
                          <Tag color={(r.daysLeft ?? 0) < 0 ? 'red' : 'orange'}>
                            {(r.daysLeft ?? 0) < 0
                              ? tr(`超期 ${-(r.daysLeft ?? 0)} 天`, `${-(r.daysLeft ?? 0)} days overdue`)
                              : tr(`剩 ${r.daysLeft} 天`, `${r.daysLeft} days left`)}
                          </Tag>
                          <Progress
                            percent={Math.max(0, Math.min(100, 100 - ((r.daysLeft ?? 0) / 30) * 100))}
                            size="small"
                            showInfo={false}
                            style={{ width: 80 }}
                          />
                        </Space>
                      ) : (
                        <Tag color="green">{tr('已组建', 'Set up')}</Tag>
                      ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <AcceptModal proposal={accepting} onClose={() => setAccepting(null)} />
    </Space>
  );
}
