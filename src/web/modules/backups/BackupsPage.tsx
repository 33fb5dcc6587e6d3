import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import type { BackupList, BackupRunView, BackupStarted } from '../../../shared/api/backups.js';

const mb = (n: number | null) =>
  n === null ? '—' : n < 1e6 ? `${(n / 1e3).toFixed(0)} KB` : `${(n / 1e6).toFixed(1)} MB`;
const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) : '—';

/** 系统管理 → 数据备份: the last successful backup, every run (time, size, status, who), 立即备份. */
export default function BackupsPage() {
  const { tr } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [watching, setWatching] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['backups'],
    queryFn: () => get<BackupList>('/api/backups'),
    refetchInterval: (q) => (q.state.data?.running || watching !== null ? 1000 : false),
  });
  const data = list.data;
  const watched = watching === null ? undefined : data?.runs.find((r) => r.id === watching);
  useEffect(() => {
    if (!watched || watched.status === 'running') return;
    setWatching(null);
    if (watched.status === 'ok')
      void message.success(
        tr(`备份完成：${watched.fileName}（${mb(watched.sizeBytes)}）`, `Backup written: ${watched.fileName}`),
      );
    else void message.error(tr(`备份失败：${watched.error}`, `Backup failed: ${watched.error}`), 8);
  }, [watched, message, tr]);
  const start = useMutation({
    mutationFn: () => post<BackupStarted>('/api/backups', {}),
    onSuccess: (r) => {
      setWatching(r.runId);
      void qc.invalidateQueries({ queryKey: ['backups'] });
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const confirmStart = () =>
    modal.confirm({
      title: tr('立即备份？', 'Back up now?'),
      content: tr(
        '系统将在不停机的情况下备份整个数据库（加密），期间可照常使用。数据量大时需要几分钟。',
        'The whole database is backed up (encrypted) while the system keeps running. A large district takes a few minutes.',
      ),
      okText: tr('开始备份', 'Start'),
      cancelText: tr('取消', 'Cancel'),
      onOk: () => start.mutate(),
    });
  const busy = Boolean(data?.running || watching !== null || start.isPending);
  const status = (r: BackupRunView) =>
    r.status === 'ok' ? (
      <Tag color={r.removed ? 'default' : 'green'}>{r.removed ? tr('已按策略删除', 'Removed') : tr('成功', 'OK')}</Tag>
    ) : r.status === 'failed' ? (
      <Tag color="red">{tr('失败', 'Failed')}</Tag>
    ) : (
      <Tag color="processing">{tr('进行中', 'Running')}</Tag>
    );
  const trigger = (r: BackupRunView) =>
    r.trigger === 'nightly'
      ? tr('每晚自动', 'Nightly')
      : r.trigger === 'ui'
        ? tr(`手动：${r.startedByName}`, `Manual: ${r.startedByName}`)
        : tr(`命令行：${r.startedByName}`, `Command line: ${r.startedByName}`);
  const ageHours = data?.lastOkAgeHours ?? null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={tr('数据备份', 'Backups')}
        extra={
          <Button type="primary" icon={<CloudUploadOutlined />} loading={busy} onClick={confirmStart}>
            {busy ? tr('正在备份…', 'Backing up…') : tr('立即备份', 'Back up now')}
          </Button>
        }
      >
        {data && (ageHours === null || ageHours > 36) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={
              ageHours === null
                ? tr('尚无成功的数据备份', 'No successful backup yet')
                : tr(`已超过 36 小时没有成功的数据备份`, 'No successful backup for more than 36 hours')
            }
          />
        )}
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={tr('上次成功备份', 'Last successful backup')}>
            {data?.lastOk
              ? `${when(data.lastOk.finishedAt)}（${ageHours} ${tr('小时前', 'h ago')}，${mb(data.lastOk.sizeBytes)}）`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={tr('每晚自动备份', 'Nightly at')}>
            {data ? tr(`北京时间 ${data.hour}:00`, `${data.hour}:00 China time`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={tr('保留策略', 'Kept')}>
            {data
              ? tr(
                  `每日 ${data.keep.daily} 天、每周 ${data.keep.weekly} 周、每月 ${data.keep.monthly} 个月`,
                  `daily ${data.keep.daily} d, weekly ${data.keep.weekly} w, monthly ${data.keep.monthly} m`,
                )
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={tr('备份目录', 'Directory')}>
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {data?.dir}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {tr(
            '备份文件已用主密钥加密；没有主密钥无法恢复。请运维人员将备份复制到另一台机器或异地存储，主密钥另行保管。',
            'Backups are encrypted with the master secret and cannot be restored without it. Operators copy them off this machine; keep the secret separately.',
          )}
        </Typography.Paragraph>
      </Card>
      <Card title={tr('备份记录', 'Runs')}>
        <Table<BackupRunView>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={data?.runs ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 720 }}
          columns={[
            { title: tr('开始时间', 'Started'), dataIndex: 'startedAt', render: (v: string) => when(v), width: 170 },
            { title: tr('状态', 'Status'), key: 'status', render: (_, r) => status(r), width: 110 },
            { title: tr('大小', 'Size'), dataIndex: 'sizeBytes', render: (v: number | null) => mb(v), width: 90 },
            { title: tr('发起', 'Started by'), key: 'who', render: (_, r) => trigger(r), width: 160 },
            {
              title: tr('文件 / 错误', 'File / error'),
              key: 'file',
              render: (_, r) =>
                r.status === 'failed' ? (
                  <Typography.Text type="danger">{r.error}</Typography.Text>
                ) : (
                  <Typography.Text code>{r.fileName ?? '—'}</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
