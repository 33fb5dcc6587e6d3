import { Button, Card, Drawer, Empty, Grid, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, FileSearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { download } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { Table } from '../../components/DataTable.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import { fetchTask, fetchTasks, isActive, taskKeys, type TaskView } from './api.js';
import { TaskProgress } from './TaskProgress.js';
import { RowReport } from './RowReport.js';

const STATUS_COLOURS: Record<TaskView['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

/** 任务中心: the user's own long imports and exports — progress while they run, the file or row report after. */
export default function TaskCenterPage() {
  const { tr, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const [f, setF] = useUrlState({ id: undefined as string | undefined, page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: taskKeys.list({ page: f.page, pageSize: f.pageSize, lang }),
    queryFn: () => fetchTasks({ page: f.page, pageSize: f.pageSize }),
    refetchInterval: (q) => ((q.state.data?.active ?? 0) > 0 ? 1500 : false),
  });
  const openId = f.id ? Number(f.id) : undefined;
  const detail = useQuery({
    queryKey: [...taskKeys.one(openId ?? 0), lang],
    queryFn: () => fetchTask(openId as number),
    enabled: openId !== undefined && Number.isInteger(openId),
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data.status) ? false : 1500),
  });
  const result = (t: TaskView) => {
    if (t.status === 'failed')
      return (
        <Typography.Text type="danger" data-testid={`task-error-${t.id}`}>
          {t.error}
        </Typography.Text>
      );
    if (t.status !== 'done') return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <Space wrap size={4}>
        {t.fileName && (
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() => download(`/api/tasks/${t.id}/file`)}
            data-testid={`task-download-${t.id}`}
          >
            {tr('下载文件', 'Download')}
          </Button>
        )}
        {t.summary && (
          <Button
            size="small"
            icon={<FileSearchOutlined />}
            onClick={() => setF({ id: String(t.id) })}
            data-testid={`task-report-${t.id}`}
          >
            {tr(
              `导入 ${t.summary.imported} 行，有误 ${t.summary.invalidRows} 行`,
              `${t.summary.imported} imported, ${t.summary.invalidRows} wrong`,
            )}
          </Button>
        )}
      </Space>
    );
  };
  return (
    <Card title={tr('任务中心', 'Task center')} data-testid="task-center">
      <Typography.Paragraph type="secondary">
        {tr(
          '导入和大批量导出在后台执行，可离开页面；完成后结果保留在这里，并发送消息提醒。只显示本人提交的任务。',
          'Imports and large exports run in the background; you may leave. Results wait here and in your inbox. Only your own tasks are shown.',
        )}
      </Typography.Paragraph>
      <Table<TaskView>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        locale={{
          emptyText: (
            <Empty
              description={tr(
                '还没有任务。在党员管理中导入名册，或导出大量数据时，任务会出现在这里。',
                'No tasks yet. Importing a roster or exporting a large list creates one.',
              )}
            />
          ),
        }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setF({ page, pageSize }),
        }}
        rowClassName={(t) => (t.id === openId ? 'ant-table-row-selected' : '')}
        columns={[
          { title: tr('任务', 'Task'), dataIndex: 'title', width: 160 },
          {
            title: tr('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (_v, t) => (
              <Tag color={STATUS_COLOURS[t.status]} data-testid={`task-status-${t.id}`}>
                {t.statusLabel}
              </Tag>
            ),
          },
          { title: tr('进度', 'Progress'), width: 210, render: (_v, t) => <TaskProgress task={t} compact /> },
          {
            title: tr('提交时间', 'Created'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => formatDateTimeChina(v),
          },
          { title: tr('结果', 'Result'), minWidth: 220, render: (_v, t) => result(t) },
        ]}
      />
      <Drawer
        open={openId !== undefined && detail.data?.report != null}
        onClose={() => setF({ id: undefined })}
        title={detail.data ? `${detail.data.title} · ${formatDateTimeChina(detail.data.createdAt)}` : ''}
        width={screens.md ? 720 : '100%'}
        data-testid="task-report-drawer"
      >
        {detail.data?.report && <RowReport report={detail.data.report} />}
      </Drawer>
    </Card>
  );
}
