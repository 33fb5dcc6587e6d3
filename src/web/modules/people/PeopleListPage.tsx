import { useState } from 'react';
import { Button, Card, Input, Select, Space, Tag, Tooltip } from 'antd';
import { Table } from '../../components/DataTable.js';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { download, get } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { DEFAULT_PEOPLE_FILTERS, STATUS_OPTIONS, type PersonItem, type PersonPage } from './api.js';
import { ImportModal } from './ImportModal.js';
import { PersonFormDrawer } from './PersonFormDrawer.js';

/** 党员名册: filters in the URL, pinyin-initial search ("zs" → 张三), ID/phone masked unless allowed, export, import. */
export default function PeopleListPage() {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const [f, setF] = useUrlState(DEFAULT_PEOPLE_FILTERS);
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['people', f, lang], queryFn: () => get<PersonPage>('/api/people', f) });
  const yes = [{ value: 'true', label: tr('是', 'Yes') }];
  const columns: ColumnsType<PersonItem> = [
    {
      title: tr('姓名', 'Name'),
      dataIndex: 'name',
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
  const filters = { ...f, page: undefined, pageSize: undefined };
  return (
    <Card
      title={tr('党员名册', 'Members')}
      extra={
        <Space wrap>
          {can('people.export') && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download('/api/people/export', filters)}
              data-testid="people-export"
            >
              {tr('导出 Excel', 'Export Excel')}
            </Button>
          )}
          {can('people.import') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="people-import">
              {tr('导入名册', 'Import')}
            </Button>
          )}
          {can('people.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="person-new">
              {tr('登记人员', 'Register')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={tr('姓名、拼音首字母或身份证号', 'Name, pinyin initials or ID number')}
          defaultValue={f.q}
          onSearch={(q) => setF({ q })}
          style={{ width: 260 }}
          data-testid="people-search"
        />
        <div style={{ width: 220 }}>
          <OrgPicker
            value={f.orgId}
            onChange={(orgId) => setF({ orgId })}
            placeholder={tr('党组织（含下级）', 'Org (and below)')}
          />
        </div>
        <Select
          allowClear
          placeholder={tr('政治面貌', 'Status')}
          style={{ width: 130 }}
          value={f.politicalStatus}
          onChange={(politicalStatus: string | undefined) => setF({ politicalStatus })}
          options={STATUS_OPTIONS.map((s) => ({ value: s.value, label: tr(s.zh, s.en) }))}
          data-testid="filter-status"
        />
        <Select
          allowClear
          placeholder={tr('产业工人', 'Worker')}
          style={{ width: 110 }}
          value={f.worker}
          onChange={(worker: string | undefined) => setF({ worker })}
          options={yes}
        />
        <Select
          allowClear
          placeholder={tr('人才', 'Talent')}
          style={{ width: 90 }}
          value={f.talent}
          onChange={(talent: string | undefined) => setF({ talent })}
          options={yes}
        />
        <Select
          allowClear
          placeholder={tr('专家', 'Expert')}
          style={{ width: 90 }}
          value={f.expert}
          onChange={(expert: string | undefined) => setF({ expert })}
          options={yes}
        />
        <Select
          allowClear
          placeholder={tr('流动情况', 'Flow')}
          style={{ width: 110 }}
          value={f.flow}
          onChange={(flow: string | undefined) => setF({ flow })}
          options={[
            { value: 'out', label: tr('流出', 'Out') },
            { value: 'in', label: tr('流入', 'In') },
          ]}
        />
        <Input
          allowClear
          placeholder={tr('工作单位', 'Employer')}
          defaultValue={f.employer}
          onPressEnter={(e) => setF({ employer: (e.target as HTMLInputElement).value })}
          style={{ width: 150 }}
        />
      </Space>
      <Table<PersonItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.data ?? []}
        scroll={{ x: 1300 }}
        locale={{
          emptyText: tr(
            '没有符合条件的人员；可调整筛选条件，或导入党员名册',
            'Nobody matches; change the filters or import a roster',
          ),
        }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          // above a few thousand the server counts no further and answers an estimate
          showTotal: (n) =>
            list.data?.totalEstimated
              ? tr(`约 ${n.toLocaleString('zh-CN')} 人`, `About ${n.toLocaleString('en')} people`)
              : tr(`共 ${n} 人`, `${n} people`),
          onChange: (page, pageSize) => setF({ page, pageSize }),
        }}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
      <PersonFormDrawer open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
