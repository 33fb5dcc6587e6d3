import { Card, Select, Space, Tag } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useI18n } from '../../app/i18n.js';
import { CLASS_COLOURS, type CoverageClass, type CoverageOverview, type CoverageUnitView } from './api.js';

export interface UnitsFilter {
  cls: CoverageClass | undefined;
  town: number | undefined;
  page: number;
}

/** 单位覆盖分类: units filtered by class and township, paged on the server. */
export function UnitsTab({
  o,
  loading,
  filter,
  onFilter,
}: {
  o: CoverageOverview | undefined;
  loading: boolean;
  filter: UnitsFilter;
  onFilter: (f: UnitsFilter) => void;
}) {
  const { tr, lang } = useI18n();
  const { cls, town, page } = filter;
  const setPage = (p: number) => onFilter({ ...filter, page: p });
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        {o &&
          (Object.keys(o.byClass) as CoverageClass[]).map((c) => (
            <Tag.CheckableTag
              key={c}
              checked={cls === c}
              onChange={(on) => onFilter({ ...filter, cls: on ? c : undefined, page: 1 })}
            >
              {o.formulas.classes[c][lang]}：{o.byClass[c]}
            </Tag.CheckableTag>
          ))}
        <Select
          allowClear
          placeholder={tr('乡镇（街道）', 'Township')}
          style={{ width: 180 }}
          value={town}
          onChange={(v) => onFilter({ ...filter, town: v, page: 1 })}
          options={(o?.townships ?? []).map((t) => ({ value: t.id, label: t.name }))}
        />
      </Space>
      <Table<CoverageUnitView>
        rowKey="key"
        size="small"
        loading={loading}
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
  );
}
