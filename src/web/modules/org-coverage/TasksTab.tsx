import { Progress, Space, Tag } from 'antd';
import { Table } from '../../components/DataTable.js';
import { ProvisionalTag } from '../../components/ProvisionalTag.js';
import { useI18n } from '../../app/i18n.js';
import type { SetupTaskRow } from './api.js';

/** 三同步任务: the "set up the branch" tasks, open first, with the days left. */
export function TasksTab({ tasks, loading }: { tasks: SetupTaskRow[]; loading: boolean }) {
  const { tr } = useI18n();
  return (
    <Table<SetupTaskRow>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={tasks}
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
  );
}
