import { ProvisionalTag } from '../../components/ProvisionalTag.js';
import { useState } from 'react';
import { Button, Card, Select, Space, Tag } from 'antd';
import { Table } from '../../components/DataTable.js';
import { BarChartOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get, type Page } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { APPROVAL_STATUS, type ApprovalItem, type WorkItem } from '../projects/approvals-api.js';
import { ApprovalHandleModal } from '../projects/components/ApprovalHandleModal.js';

/** 审批工作台: a department's items (submitted, due, overdue by working days) and the link to the duration report. */
export default function ApprovalsPage() {
  const { tr, lang } = useI18n();
  const [f, setF] = useUrlState({ status: 'open' as string | undefined, page: 1, pageSize: 20 });
  const [handling, setHandling] = useState<ApprovalItem | null>(null);
  const q = useQuery({
    queryKey: ['approvals', 'work', f, lang],
    queryFn: () => get<Page<WorkItem>>('/api/approvals', f),
  });
  return (
    <Card
      title={tr('审批验收工作台', 'Approvals')}
      extra={
        <Link to="/approvals/report">
          <Button icon={<BarChartOutlined />}>{tr('验收时长统计', 'Acceptance durations')}</Button>
        </Link>
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          value={f.status}
          onChange={(status: string | undefined) => setF({ status })}
          placeholder={tr('全部事项', 'All items')}
          options={[
            { value: 'open', label: tr('办理中', 'In progress') },
            { value: 'overdue', label: tr('已超时', 'Overdue') },
            { value: 'not_submitted', label: tr('未申报', 'Not submitted') },
            { value: 'done', label: tr('已办结', 'Done') },
          ]}
        />
      </Space>
      <Table<WorkItem>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.data ?? []}
        scroll={{ x: 1100 }}
        locale={{ emptyText: tr('没有符合条件的事项', 'Nothing here') }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: q.data?.total ?? 0,
          onChange: (page, pageSize) => setF({ page, pageSize }),
        }}
        columns={[
          {
            title: tr('项目', 'Project'),
            width: 200,
            ellipsis: { showTitle: true },
            render: (_, i) => <Link to={`/projects/${i.project?.id}`}>{i.project?.name}</Link>,
          },
          { title: tr('事项', 'Item'), dataIndex: 'name', width: 170 },
          { title: tr('部门', 'Department'), width: 150, render: (_, i) => i.department?.name ?? '—' },
          { title: tr('申报', 'Submitted'), dataIndex: 'submittedOn', width: 110 },
          {
            title: tr('应办结', 'Due'),
            width: 130,
            render: (_, i) => (
              <>
                {i.completedOn ?? i.timing.dueOn ?? '—'} <ProvisionalTag year={i.timing.provisionalYear} />
              </>
            ),
          },
          {
            title: tr('用时/时限（工作日）', 'Used / target (wd)'),
            width: 140,
            render: (_, i) => `${i.timing.usedDays ?? '—'} / ${i.targetDays}`,
          },
          {
            title: tr('状态', 'State'),
            width: 100,
            render: (_, i) => (
              <Tag color={APPROVAL_STATUS[i.timing.status].color}>
                {tr(APPROVAL_STATUS[i.timing.status].zh, APPROVAL_STATUS[i.timing.status].en)}
              </Tag>
            ),
          },
          {
            title: '',
            width: 70,
            render: (_, i) => (
              <Button type="link" onClick={() => setHandling(i)}>
                {tr('办理', 'Handle')}
              </Button>
            ),
          },
        ]}
      />
      <ApprovalHandleModal item={handling} onClose={() => setHandling(null)} />
    </Card>
  );
}
