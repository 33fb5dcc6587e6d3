import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Tag, Tree } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';
import { useAuth } from '../../app/auth.js';
import { ORG_KINDS, PARTY_ORG_KINDS } from '../../../shared/org-kinds.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import { flatten, orgLifecycle, orgTree, type OrgNode } from './api.js';
import { PartyPanel } from './PartyPanel.js';
import { PartyOrgDialog } from './PartyOrgDialog.js';

/** 组织架构: the tree under the user's scope; search by name or pinyin initials; details, rule warnings, close and transform on the right. */
export default function OrgTreePage() {
  const { tr, lang } = useI18n();
  const [params] = useSearchParams();
  const tree = useQuery({ queryKey: ['org-tree'], queryFn: orgTree });
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<number | null>(params.get('focus') ? Number(params.get('focus')) : null);
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const all = useMemo(() => flatten(tree.data?.data ?? []), [tree.data]);
  const keys = useMemo(() => new Map(all.map((n) => [n.id, pinyinKey(n.name)])), [all]);
  const matches = (n: OrgNode) => !q || n.name.includes(q) || (keys.get(n.id) ?? '').includes(q.toLowerCase());
  const keep = (n: OrgNode): boolean => matches(n) || n.children.some(keep);
  // Party members in each node's subtree (formal members of the party orgs under it), shown on the node.
  const members = useMemo(() => {
    const out = new Map<number, number>();
    const walk = (n: OrgNode): number => {
      const sum = (n.party?.formalMembers ?? 0) + n.children.reduce((acc, c) => acc + walk(c), 0);
      out.set(n.id, sum);
      return sum;
    };
    (tree.data?.data ?? []).forEach(walk);
    return out;
  }, [tree.data]);
  // The tree is controlled: the first two levels open by default; ▸ and a double click open and close a node;
  // a search opens every branch that leads to a match. (Passing expandedKeys={undefined} had made the Tree
  // controlled and stuck closed: only the root showed until a search.)
  const [expanded, setExpanded] = useState<number[] | null>(null);
  useEffect(() => {
    if (!tree.data || expanded) return;
    const roots = tree.data.data ?? [];
    setExpanded([...roots.map((n) => n.id), ...roots.flatMap((n) => n.children.map((c) => c.id))]);
  }, [tree.data, expanded]);
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
          {(members.get(n.id) ?? 0) > 0 && (
            <span style={{ color: '#8c8c8c', marginLeft: 6, fontSize: 12 }} data-testid="org-node-members">
              {tr(`${members.get(n.id)} 名党员`, `${members.get(n.id)} members`)}
            </span>
          )}
          {n.warnings?.some((w) => w.level !== 'info') && <Badge status="warning" style={{ marginLeft: 6 }} />}
        </span>
      ),
      children: toData(n.children),
    }));
  const lifecycle = useQuery({
    queryKey: ['org-lifecycle'],
    enabled: can('orgs.write'),
    queryFn: orgLifecycle,
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
  // a node picked from elsewhere (?focus=, the life-cycle alert) opens the branches above it
  const above = focusPath.filter((id) => id !== selected).join(',');
  useEffect(() => {
    if (!above) return;
    const ids = above.split(',').map(Number);
    setExpanded((cur) => (cur ? [...new Set([...cur, ...ids])] : cur));
  }, [above, expanded === null]); // eslint-disable-line react-hooks/exhaustive-deps
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
              data-testid="org-tree"
              expandAction="doubleClick"
              expandedKeys={q ? all.filter((n) => n.children.some(keep)).map((n) => n.id) : (expanded ?? [])}
              onExpand={(keys) => {
                if (!q) setExpanded(keys.map(Number));
              }}
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
