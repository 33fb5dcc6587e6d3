import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { ApiError, get, patch, post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useAuth } from '../../app/auth.js';
import { ORG_KINDS, PARTY_ORG_KINDS, type OrgKind } from '../../../shared/org-kinds.js';
import { pinyinKey } from '../../../shared/pinyin.js';

interface Warning {
  code: string;
  level: 'info' | 'warning' | 'danger';
  zh: string;
  en: string;
}
interface PartyDetails {
  establishedOn: string | null;
  docNo: string | null;
  termYears: number | null;
  termStartedOn: string | null;
  nextElectionOn: string | null;
  status: string;
  version: number;
  transformedInto: string | null;
  closedOn: string | null;
  secretary: string | null;
  officers: Array<{ id: number; name: string; role: string; appointed: boolean; since: string }>;
  covered: Array<{ id: number; targetKind: 'project' | 'unit'; name: string; since: string }>;
  formalMembers: number;
  relationMembers: number;
  participants: number;
}
export interface OrgNode {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  kindZh: string;
  name: string;
  code: string | null;
  industry: string | null;
  address: string | null;
  lng: number | null;
  lat: number | null;
  closed?: boolean;
  party?: PartyDetails;
  warnings?: Warning[];
  children: OrgNode[];
}
interface ClosePlan {
  name: string;
  members: Array<{
    personId: number;
    name: string;
    politicalStatus: string;
    proposed: { orgUnitId: number; name: string; why: string } | null;
    options: Array<{ orgUnitId: number; name: string; why: string }>;
  }>;
  withoutDestination: Array<{ personId: number; name: string }>;
  participants: number;
}

function flatten(nodes: OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

const ROLE = {
  secretary: ['书记', 'Secretary'],
  deputy_secretary: ['副书记', 'Deputy'],
  committee_member: ['委员', 'Member'],
} as Record<string, [string, string]>;
const WHY = {
  home: ['居住社区', 'home community'],
  previous: ['原所在组织', 'previous org'],
  township: ['乡镇党委', 'township committee'],
} as Record<string, [string, string]>;

function CloseDialog({ org, onClose }: { org: OrgNode; onClose: () => void }) {
  const { tr } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const plan = useQuery({
    queryKey: ['close-plan', org.id],
    queryFn: () => get<ClosePlan>(`/api/orgs/${org.id}/close-plan`),
  });
  const [chosen, setChosen] = useState<Record<number, number>>({});
  const [refused, setRefused] = useState<string | null>(null);
  const close = useMutation({
    mutationFn: () =>
      post<{ moved: number }>(`/api/orgs/${org.id}/close`, {
        destinations: Object.entries(chosen).map(([personId, orgUnitId]) => ({
          personId: Number(personId),
          orgUnitId,
        })),
      }),
    onSuccess: (r) => {
      void message.success(tr(`已撤销，${r.moved} 名党员组织关系已转出`, `Closed; ${r.moved} relations moved`));
      void qc.invalidateQueries({ queryKey: ['org-tree'] });
      void qc.invalidateQueries({ queryKey: ['org-lifecycle'] });
      onClose();
    },
    onError: (e) => setRefused(e instanceof ApiError ? e.message : String(e)),
  });
  const members = plan.data?.members ?? [];
  return (
    <Modal
      open
      width={760}
      title={tr(`撤销「${org.name}」`, `Close ${org.name}`)}
      onCancel={onClose}
      okText={tr('确认撤销', 'Close it')}
      okButtonProps={{ danger: true, loading: close.isPending, 'data-testid': 'close-confirm' } as never}
      onOk={() => close.mutate()}
    >
      <Typography.Paragraph>
        {tr(
          '撤销时每名党员的组织关系都必须有去向。系统按居住社区、原所在组织建议去向，也可逐人选择。',
          'Every member’s relation must go somewhere: proposed from the home community or the previous org; choose per member.',
        )}
      </Typography.Paragraph>
      {refused && (
        <Alert type="error" showIcon message={refused} style={{ marginBottom: 12 }} data-testid="close-refused" />
      )}
      <Table
        rowKey="personId"
        size="small"
        loading={plan.isLoading}
        dataSource={members}
        pagination={false}
        columns={[
          { title: tr('党员', 'Member'), dataIndex: 'name' },
          {
            title: tr('组织关系去向', 'Destination'),
            render: (_: unknown, m: ClosePlan['members'][number]) => (
              <Select
                style={{ width: 320 }}
                status={!m.proposed && !chosen[m.personId] ? 'error' : undefined}
                placeholder={tr('无建议去向，请选择', 'No proposal: choose one')}
                value={chosen[m.personId] ?? m.proposed?.orgUnitId}
                onChange={(v: number) => setChosen((c) => ({ ...c, [m.personId]: v }))}
                options={m.options.map((o) => ({
                  value: o.orgUnitId,
                  label: `${o.name}（${tr(WHY[o.why]?.[0] ?? o.why, WHY[o.why]?.[1] ?? o.why)}）`,
                }))}
              />
            ),
          },
        ]}
      />
      {plan.data && plan.data.participants > 0 && (
        <Typography.Text type="secondary">
          {tr(
            `另有 ${plan.data.participants} 名参与管理的党员，其参与关系将结束。`,
            `${plan.data.participants} participating members: their participation ends.`,
          )}
        </Typography.Text>
      )}
    </Modal>
  );
}

function TransformDialog({ org, onClose }: { org: OrgNode; onClose: () => void }) {
  const { tr } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ into: string; name: string }>();
  const go = useMutation({
    mutationFn: (v: { into: string; name: string }) => post(`/api/orgs/${org.id}/transform`, v),
    onSuccess: () => {
      void message.success(tr('已转型，党员组织关系保留', 'Transformed; members keep their relation'));
      void qc.invalidateQueries({ queryKey: ['org-tree'] });
      void qc.invalidateQueries({ queryKey: ['org-lifecycle'] });
      void qc.invalidateQueries({ queryKey: ['org', org.id] });
      onClose();
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Modal
      open
      title={tr(`转型「${org.name}」`, `Transform ${org.name}`)}
      onCancel={onClose}
      okButtonProps={{ loading: go.isPending }}
      onOk={() => void form.validateFields().then((v) => go.mutate(v))}
    >
      <Form form={form} layout="vertical" initialValues={{ into: 'community' }}>
        <Form.Item name="into" label={tr('转型为', 'Into')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'business_district', label: tr('商圈党支部', 'Business-district branch') },
              { value: 'building', label: tr('楼宇党支部', 'Building branch') },
              { value: 'community', label: tr('社区党支部', 'Community branch') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={tr('新名称', 'New name')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Typography.Text type="secondary">
          {tr(`${org.party?.relationMembers ?? 0} 名党员的组织关系随组织保留。`, 'Every member keeps the relation.')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}

interface DetailsForm {
  kind?: OrgKind;
  name: string;
  establishedOn?: string;
  docNo?: string;
  termYears?: number;
  termStartedOn?: string;
}

/** 新建下级党组织 (parent = the selected node) or 编辑 the selected party org's details. */
function PartyOrgDialog({ parent, edit, onClose }: { parent?: OrgNode; edit?: OrgNode; onClose: () => void }) {
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<DetailsForm>();
  const save = useMutation({
    mutationFn: (v: DetailsForm) => {
      const body = {
        name: v.name,
        establishedOn: v.establishedOn || null,
        docNo: v.docNo || null,
        termYears: v.termYears ?? null,
        termStartedOn: v.termStartedOn || null,
      };
      return edit
        ? patch(`/api/orgs/${edit.id}`, { ...body, version: edit.party?.version })
        : post<{ id: number }>('/api/orgs', { ...body, parentId: parent!.id, kind: v.kind });
    },
    onSuccess: () => {
      void message.success(tr('已保存', 'Saved'));
      void qc.invalidateQueries({ queryKey: ['org-tree'] });
      onClose();
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const d = edit?.party;
  const dateRule = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: tr('格式：YYYY-MM-DD', 'Format: YYYY-MM-DD') };
  return (
    <Modal
      open
      title={
        edit
          ? tr(`编辑「${edit.name}」`, `Edit ${edit.name}`)
          : tr(`在「${parent?.name}」下新建党组织`, `New party org under ${parent?.name}`)
      }
      onCancel={onClose}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'org-save' } as never}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          edit
            ? {
                name: edit.name,
                establishedOn: d?.establishedOn ?? undefined,
                docNo: d?.docNo ?? undefined,
                termYears: d?.termYears ?? undefined,
                termStartedOn: d?.termStartedOn ?? undefined,
              }
            : { kind: 'branch', termYears: 3 }
        }
      >
        {!edit && (
          <Form.Item name="kind" label={tr('类型', 'Kind')} rules={[{ required: true }]}>
            <Select
              options={PARTY_ORG_KINDS.map((k) => ({
                value: k,
                label: lang === 'zh' ? ORG_KINDS[k].zh : ORG_KINDS[k].en,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="name" label={tr('名称', 'Name')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="org-name" />
        </Form.Item>
        <Form.Item name="establishedOn" label={tr('成立日期', 'Established on')} rules={[dateRule]}>
          <Input placeholder="2026-01-01" />
        </Form.Item>
        <Form.Item name="docNo" label={tr('批复文号', 'Approval document no.')}>
          <Input />
        </Form.Item>
        <Form.Item name="termStartedOn" label={tr('本届开始日期', 'Term started on')} rules={[dateRule]}>
          <Input placeholder="2026-01-01" />
        </Form.Item>
        <Form.Item name="termYears" label={tr('任期（年）', 'Term (years)')}>
          <Select allowClear options={[3, 5].map((y) => ({ value: y, label: `${y}` }))} />
        </Form.Item>
        <Typography.Text type="secondary">
          {tr(
            '下次换届日期按本届开始日期加任期计算；临时党支部不选举。',
            'The next election is the term start plus the term; a temporary branch does not elect.',
          )}
        </Typography.Text>
      </Form>
    </Modal>
  );
}

function PartyPanel({ node }: { node: OrgNode }) {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const [dialog, setDialog] = useState<'close' | 'transform' | 'edit' | null>(null);
  const d = node.party!;
  const write = can('orgs.write') && !node.closed && d.status !== 'closed';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {(node.warnings ?? []).map((w) => (
        <Alert
          key={w.code}
          type={w.level === 'danger' ? 'error' : w.level}
          showIcon
          message={lang === 'zh' ? w.zh : w.en}
          data-testid={`warning-${w.code}`}
        />
      ))}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={tr('成立日期 / 批复文号', 'Established / doc no.')}>
          {[d.establishedOn, d.docNo].filter(Boolean).join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={tr('任期 / 下次换届', 'Term / next election')}>
          {d.termYears
            ? `${d.termYears} ${tr('年', 'years')}（${d.termStartedOn ?? ''} 起）→ ${d.nextElectionOn ?? ''}`
            : tr('不选举（委员由上级指定）', 'No election (appointed)')}
        </Descriptions.Item>
        <Descriptions.Item label={tr('书记', 'Secretary')}>{d.secretary ?? ''}</Descriptions.Item>
        <Descriptions.Item label={tr('委员', 'Committee')}>
          {d.officers
            .map(
              (o) =>
                `${o.name}（${tr(ROLE[o.role]?.[0] ?? o.role, ROLE[o.role]?.[1] ?? o.role)}${o.appointed ? tr('，指定', ', appointed') : ''}）`,
            )
            .join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={tr('党员', 'Members')}>
          <span data-testid="formal-members">
            {tr(
              `正式党员 ${d.formalMembers} 名，关系在此共 ${d.relationMembers} 名，参与管理 ${d.participants} 名`,
              `${d.formalMembers} formal, ${d.relationMembers} holding the relation, ${d.participants} participating`,
            )}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={tr('状态', 'Status')}>
          {d.status === 'closed'
            ? tr(`已撤销（${d.closedOn}）`, `Closed (${d.closedOn})`)
            : d.transformedInto
              ? tr('已转型', 'Transformed')
              : tr('正常', 'Active')}
        </Descriptions.Item>
      </Descriptions>
      <List
        size="small"
        header={tr(`覆盖单位（${d.covered.length}）`, `Covered units (${d.covered.length})`)}
        dataSource={d.covered}
        renderItem={(c) => (
          <List.Item>
            <Tag>{c.targetKind === 'project' ? tr('项目', 'Project') : tr('单位', 'Unit')}</Tag>
            {c.name}
          </List.Item>
        )}
      />
      {write && (
        <Space>
          <Button onClick={() => setDialog('edit')} data-testid="org-edit">
            {tr('编辑', 'Edit')}
          </Button>
          {['temp_branch', 'joint_branch', 'branch'].includes(node.kind) && (
            <Button onClick={() => setDialog('transform')} data-testid="transform-open">
              {tr('转型', 'Transform')}
            </Button>
          )}
          <Button danger onClick={() => setDialog('close')} data-testid="close-open">
            {tr('撤销', 'Close')}
          </Button>
        </Space>
      )}
      {dialog === 'close' && <CloseDialog org={node} onClose={() => setDialog(null)} />}
      {dialog === 'transform' && <TransformDialog org={node} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && <PartyOrgDialog edit={node} onClose={() => setDialog(null)} />}
    </Space>
  );
}

/** 组织架构: the tree under the user's scope; search by name or pinyin initials; details, rule warnings, close and transform on the right. */
export default function OrgTreePage() {
  const { tr, lang } = useI18n();
  const [params] = useSearchParams();
  const tree = useQuery({ queryKey: ['org-tree'], queryFn: () => get<{ data: OrgNode[] }>('/api/orgs/tree') });
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<number | null>(params.get('focus') ? Number(params.get('focus')) : null);
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const all = useMemo(() => flatten(tree.data?.data ?? []), [tree.data]);
  const keys = useMemo(() => new Map(all.map((n) => [n.id, pinyinKey(n.name)])), [all]);
  const matches = (n: OrgNode) => !q || n.name.includes(q) || (keys.get(n.id) ?? '').includes(q.toLowerCase());
  const keep = (n: OrgNode): boolean => matches(n) || n.children.some(keep);
  const toData = (nodes: OrgNode[]): Array<Record<string, unknown>> =>
    nodes.filter(keep).map((n) => ({
      key: n.id,
      title: (
        <span data-testid={`org-node-${n.id}`}>
          <Tag
            color={
              PARTY_ORG_KINDS.includes(n.kind)
                ? 'red'
                : n.kind === 'firm'
                  ? 'gold'
                  : n.kind === 'department'
                    ? 'blue'
                    : 'default'
            }
          >
            {lang === 'zh' ? n.kindZh : ORG_KINDS[n.kind]?.en}
          </Tag>
          <span>{n.name}</span>
          {n.warnings?.some((w) => w.level !== 'info') && <Badge status="warning" style={{ marginLeft: 6 }} />}
        </span>
      ),
      children: toData(n.children),
    }));
  const lifecycle = useQuery({
    queryKey: ['org-lifecycle'],
    enabled: can('orgs.write'),
    queryFn: () => get<{ data: Array<{ id: number; name: string; projects: string[] }> }>('/api/orgs/lifecycle'),
  });
  const node = all.find((n) => n.id === selected);
  const focusPath = useMemo(() => {
    const out: number[] = [];
    let cur = node;
    while (cur) {
      out.push(cur.id);
      cur = all.find((n) => n.id === cur!.parentId);
    }
    return out;
  }, [node, all]);
  return (
    <Row gutter={[16, 16]}>
      {(lifecycle.data?.data.length ?? 0) > 0 && (
        <Col span={24}>
          <Alert
            type="warning"
            showIcon
            data-testid="lifecycle-alert"
            message={tr(
              '以下临时/联合党支部所属项目已竣工，请转型或撤销',
              'Projects completed: transform or close these branches',
            )}
            description={
              <Space wrap>
                {lifecycle.data!.data.map((b) => (
                  <Button key={b.id} size="small" type="link" onClick={() => setSelected(b.id)}>
                    {b.name}（{b.projects.join('、')}）
                  </Button>
                ))}
              </Space>
            }
          />
        </Col>
      )}
      <Col xs={24} md={12}>
        <Card title={tr('组织架构', 'Organisations')} loading={tree.isLoading}>
          <Input.Search
            allowClear
            placeholder={tr('名称或拼音首字母', 'Name or pinyin initials')}
            onChange={(e) => setQ(e.target.value.trim())}
            style={{ marginBottom: 12 }}
            data-testid="org-search"
          />
          {tree.data && (
            <Tree
              blockNode
              defaultExpandedKeys={[...(tree.data.data ?? []).map((n) => n.id), ...focusPath]}
              expandedKeys={q ? all.map((n) => n.id) : undefined}
              selectedKeys={selected ? [selected] : []}
              treeData={toData(tree.data.data ?? []) as never}
              onSelect={(k) => setSelected(k.length ? Number(k[0]) : null)}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card
          title={node?.name ?? tr('详情', 'Details')}
          extra={
            node && !node.closed && can('orgs.write') ? (
              <Button size="small" onClick={() => setCreating(true)} data-testid="org-create">
                {tr('新建下级党组织', 'New party org under it')}
              </Button>
            ) : undefined
          }
        >
          {creating && node && <PartyOrgDialog parent={node} onClose={() => setCreating(false)} />}
          {node ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={tr('类型', 'Kind')}>
                  {lang === 'zh' ? node.kindZh : ORG_KINDS[node.kind]?.en}
                </Descriptions.Item>
                <Descriptions.Item label={tr('编码', 'Code')}>{node.code}</Descriptions.Item>
                {node.industry && <Descriptions.Item label={tr('行业', 'Industry')}>{node.industry}</Descriptions.Item>}
                {node.address && <Descriptions.Item label={tr('地址', 'Address')}>{node.address}</Descriptions.Item>}
                {node.lng !== null && (
                  <Descriptions.Item label={tr('坐标', 'Coordinates')}>{`${node.lng}, ${node.lat}`}</Descriptions.Item>
                )}
                <Descriptions.Item label={tr('下级', 'Children')}>{node.children.length}</Descriptions.Item>
              </Descriptions>
              {node.party && <PartyPanel key={node.id} node={node} />}
            </Space>
          ) : (
            <Empty description={tr('在左侧选择一个组织', 'Pick a unit on the left')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
