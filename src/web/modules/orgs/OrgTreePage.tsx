import { useMemo, useState } from 'react';
import { Card, Col, Descriptions, Empty, Input, Row, Tag, Tree } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { ORG_KINDS, PARTY_ORG_KINDS, type OrgKind } from '../../../shared/org-kinds.js';
import { pinyinKey } from '../../../shared/pinyin.js';

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
  children: OrgNode[];
}

function flatten(nodes: OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** 组织架构: the tree under the user's scope; search by name or pinyin initials; details on the right. */
export default function OrgTreePage() {
  const { tr, lang } = useI18n();
  const tree = useQuery({ queryKey: ['org-tree'], queryFn: () => get<{ data: OrgNode[] }>('/api/orgs/tree') });
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const all = useMemo(() => flatten(tree.data?.data ?? []), [tree.data]);
  const keys = useMemo(() => new Map(all.map((n) => [n.id, pinyinKey(n.name)])), [all]);
  const matches = (n: OrgNode) => !q || n.name.includes(q) || (keys.get(n.id) ?? '').includes(q.toLowerCase());
  const keep = (n: OrgNode): boolean => matches(n) || n.children.some(keep);
  const toData = (nodes: OrgNode[]): Array<Record<string, unknown>> =>
    nodes.filter(keep).map((n) => ({
      key: n.id,
      title: (
        <span>
          <Tag color={PARTY_ORG_KINDS.includes(n.kind) ? 'red' : n.kind === 'firm' ? 'gold' : n.kind === 'department' ? 'blue' : 'default'}>{lang === 'zh' ? n.kindZh : ORG_KINDS[n.kind]?.en}</Tag>
          {n.name}
        </span>
      ),
      children: toData(n.children),
    }));
  const node = all.find((n) => n.id === selected);
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Card title={tr('组织架构', 'Organisations')} loading={tree.isLoading}>
          <Input.Search allowClear placeholder={tr('名称或拼音首字母', 'Name or pinyin initials')} onChange={(e) => setQ(e.target.value.trim())} style={{ marginBottom: 12 }} />
          <Tree blockNode defaultExpandAll={false} defaultExpandedKeys={(tree.data?.data ?? []).map((n) => n.id)} expandedKeys={q ? all.map((n) => n.id) : undefined} treeData={toData(tree.data?.data ?? []) as never} onSelect={(k) => setSelected(Number(k[0]))} />
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={node?.name ?? tr('详情', 'Details')}>
          {node ? (
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={tr('类型', 'Kind')}>{lang === 'zh' ? node.kindZh : ORG_KINDS[node.kind]?.en}</Descriptions.Item>
              <Descriptions.Item label={tr('编码', 'Code')}>{node.code}</Descriptions.Item>
              <Descriptions.Item label={tr('行业', 'Industry')}>{node.industry}</Descriptions.Item>
              <Descriptions.Item label={tr('地址', 'Address')}>{node.address}</Descriptions.Item>
              <Descriptions.Item label={tr('坐标', 'Coordinates')}>{node.lng !== null ? `${node.lng}, ${node.lat}` : ''}</Descriptions.Item>
              <Descriptions.Item label={tr('下级', 'Children')}>{node.children.length}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Empty description={tr('在左侧选择一个组织', 'Pick a unit on the left')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
