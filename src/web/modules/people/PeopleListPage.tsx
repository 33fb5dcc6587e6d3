import { useState } from 'react';
import { Button, Input, Select, Space, Tag, Tooltip } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { exportHandler } from '../tasks/runExport.js';
import { ListPage, type ListColumn } from '../../components/list/ListPage.js';
import { useListState } from '../../components/list/useListState.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { DEFAULT_PEOPLE_FILTERS, STATUS_OPTIONS, type PersonItem, type PersonPage } from './api.js';
import { ImportModal } from './ImportModal.js';
import { PersonFormDrawer } from './PersonFormDrawer.js';

/** The org picker as a query-form field (the form item hands it value and onChange). */
function OrgFilter(props: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { tr } = useI18n();
  return (
    <div style={{ width: 220, maxWidth: '100%' }}>
      <OrgPicker {...props} placeholder={tr('党组织（含下级）', 'Org (and below)')} />
    </div>
  );
}

/** 党员名册: filters in the URL, pinyin-initial search ("zs" → 张三), ID/phone masked unless allowed, export, import. */
export default function PeopleListPage() {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const list = useListState(DEFAULT_PEOPLE_FILTERS);
  const f = list.state;
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const page = useQuery({ queryKey: ['people', f, lang], queryFn: () => get<PersonPage>('/api/people', f) });
  const yes = [{ value: 'true', label: tr('是', 'Yes') }];
  const columns: ListColumn<PersonItem>[] = [
    {
      title: tr('姓名', 'Name'),
      dataIndex: 'name',
      sortKey: 'name',
      width: 100,
      fixed: 'left',
      render: (_, p) => (
        <Link to={`/people/${p.id}`} data-testid="person-link">
          {p.name}
        </Link>
      ),
    },
    {
      title: tr('性别', 'Gender'),
      dataIndex: 'gender',
      width: 60,
      render: (g: string | null) => (g === 'male' ? tr('男', 'M') : g === 'female' ? tr('女', 'F') : ''),
    },
    {
      title: tr('身份证号', 'ID number'),
      dataIndex: 'idNumber',
      width: 180,
      render: (v: string | null) => <span data-testid="person-id-number">{v}</span>,
    },
    { title: tr('手机号', 'Phone'), dataIndex: 'phone', width: 120 },
    { title: tr('政治面貌', 'Status'), dataIndex: 'statusLabel', width: 110, render: (v: string) => <Tag>{v}</Tag> },
    { title: tr('所在党组织', 'Party org'), dataIndex: ['relationOrg', 'name'], width: 180, ellipsis: true },
    { title: tr('工作单位', 'Employer'), dataIndex: 'employerName', width: 160, ellipsis: true },
    { title: tr('岗位', 'Job'), dataIndex: 'job', width: 90 },
    {
      title: tr('标签', 'Tags'),
      key: 'tags',
      width: 150,
      render: (_, p) => (
        <Space size={2} wrap>
          {p.isWorker && <Tag color="blue">{tr('产业工人', 'Worker')}</Tag>}
          {p.isTalent && <Tag color="purple">{tr('人才', 'Talent')}</Tag>}
          {p.isExpert && <Tag color="cyan">{tr('专家', 'Expert')}</Tag>}
        </Space>
      ),
    },
    {
      title: tr('流动', 'Flow'),
      key: 'flow',
      filterKey: 'flow',
      filters: [
        { text: tr('流出', 'Out'), value: 'out' },
        { text: tr('流入', 'In'), value: 'in' },
      ],
      width: 110,
      render: (_, p) =>
        p.flow === 'none' ? null : (
          <Tooltip title={p.flowWarning?.text}>
            <Tag color={p.flowWarning?.code === 'transfer_due' ? 'red' : p.flowWarning ? 'gold' : 'default'}>
              {p.flow === 'out' ? tr('流出', 'Out') : tr('流入', 'In')}
            </Tag>
          </Tooltip>
        ),
    },
  ];
  const importButton = can('people.import') && (
    <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="people-import">
      {tr('导入名册', 'Import')}
    </Button>
  );
  return (
    <ListPage<PersonItem, typeof DEFAULT_PEOPLE_FILTERS>
      listId="people"
      title={tr('党员名册', 'Members')}
      list={list}
      data={page.data}
      loading={page.isFetching}
      columns={columns}
      rowKey="id"
      table={{ scroll: { x: 1300 } }}
      search={{
        name: 'q',
        placeholder: tr('姓名、拼音首字母或身份证号', 'Name, pinyin initials or ID number'),
        testId: 'people-search',
        width: 260,
      }}
      fields={[
        {
          name: 'orgId',
          label: tr('党组织', 'Party org'),
          input: <OrgFilter />,
        },
        {
          name: 'politicalStatus',
          label: tr('政治面貌', 'Status'),
          input: (
            <Select
              allowClear
              placeholder={tr('政治面貌', 'Status')}
              style={{ width: 130 }}
              options={STATUS_OPTIONS.map((s) => ({ value: s.value, label: tr(s.zh, s.en) }))}
              data-testid="filter-status"
            />
          ),
        },
        {
          name: 'worker',
          label: tr('产业工人', 'Worker'),
          input: <Select allowClear placeholder={tr('产业工人', 'Worker')} style={{ width: 110 }} options={yes} />,
        },
        {
          name: 'talent',
          label: tr('人才', 'Talent'),
          input: <Select allowClear placeholder={tr('人才', 'Talent')} style={{ width: 90 }} options={yes} />,
        },
        {
          name: 'expert',
          label: tr('专家', 'Expert'),
          input: <Select allowClear placeholder={tr('专家', 'Expert')} style={{ width: 90 }} options={yes} />,
        },
        {
          name: 'flow',
          label: tr('流动情况', 'Flow'),
          input: (
            <Select
              allowClear
              placeholder={tr('流动情况', 'Flow')}
              style={{ width: 110 }}
              options={[
                { value: 'out', label: tr('流出', 'Out') },
                { value: 'in', label: tr('流入', 'In') },
              ]}
            />
          ),
        },
        {
          name: 'employer',
          label: tr('工作单位', 'Employer'),
          text: true,
          input: <Input allowClear placeholder={tr('工作单位', 'Employer')} style={{ width: 150 }} />,
        },
      ]}
      exportPath={can('people.export') ? '/api/people/export' : undefined}
      onExport={exportHandler('people', page.data?.total ?? 0)}
      exportTestId="people-export"
      actions={
        <>
          {importButton}
          {can('people.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="person-new">
              {tr('登记人员', 'Register')}
            </Button>
          )}
        </>
      }
      // above a few thousand the server counts no further and answers an estimate
      totalText={(n) =>
        page.data?.totalEstimated
          ? tr(`约 ${n.toLocaleString('zh-CN')} 人`, `About ${n.toLocaleString('en')} people`)
          : tr(`共 ${n} 人`, `${n} people`)
      }
      empty={{
        text: can('people.import')
          ? tr('暂无人员。可点「导入名册」批量导入，或逐个登记', 'Nobody yet. Import a roster or register people')
          : tr('暂无人员。名册由党组织导入', 'Nobody yet. Party organisations import the roster'),
        action: importButton || undefined,
      }}
    >
      <ImportModal open={importing} onClose={() => setImporting(false)} />
      <PersonFormDrawer open={creating} onClose={() => setCreating(false)} />
    </ListPage>
  );
}
