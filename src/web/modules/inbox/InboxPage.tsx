import { Button, Card, Grid, List, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get, post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import type { InboxPage as Inbox } from '../../../shared/api/notifications.js';

export default function InboxPage() {
  const { tr, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const qc = useQueryClient();
  const [f, setF] = useUrlState({ unread: undefined as string | undefined, page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['inbox', f, lang],
    queryFn: () => get<Inbox>('/api/notifications', f),
  });
  const mark = useMutation({
    mutationFn: (ids: number[] | 'all') => post('/api/notifications/read', { ids }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['inbox'] });
      void qc.invalidateQueries({ queryKey: ['inbox-count'] });
    },
  });
  return (
    <Card
      title={tr('消息', 'Inbox')}
      extra={
        <Space>
          <Button
            type={f.unread ? 'primary' : 'default'}
            onClick={() => setF({ unread: f.unread ? undefined : 'true' })}
          >
            {tr('只看未读', 'Unread only')}
          </Button>
          <Button onClick={() => mark.mutate('all')} disabled={!list.data?.unread}>
            {tr('全部标为已读', 'Mark all read')}
          </Button>
        </Space>
      }
    >
      <List
        // on a phone the actions go under the message: beside it they squeezed the title to a word a line
        itemLayout={screens.md ? 'horizontal' : 'vertical'}
        loading={list.isFetching}
        dataSource={list.data?.data ?? []}
        locale={{ emptyText: tr('没有消息', 'No messages') }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page) => setF({ page }),
        }}
        renderItem={(n) => (
          <List.Item
            data-testid="inbox-item"
            actions={[
              n.link ? (
                <Link key="open" to={n.link} onClick={() => !n.read && mark.mutate([n.id])}>
                  {tr('查看', 'Open')}
                </Link>
              ) : null,
              !n.read ? (
                <Button key="read" type="link" size="small" onClick={() => mark.mutate([n.id])}>
                  {tr('标为已读', 'Mark read')}
                </Button>
              ) : null,
            ]}
          >
            <List.Item.Meta
              title={
                <span>
                  {!n.read && <Tag color="red">{tr('未读', 'New')}</Tag>}
                  <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                </span>
              }
              description={
                <>
                  {n.body && <div>{n.body}</div>}
                  <Typography.Text type="secondary">{formatDateTimeChina(n.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
