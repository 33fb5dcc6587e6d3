import { Button, Card, Empty, List, Segmented, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { get } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import type { ProblemPage } from './api.js';
import { DueTag, StatusTag, categoryLabel } from './labels.js';

const GROUPS: Record<string, { zh: string; en: string; status?: string }> = {
  all: { zh: '全部', en: 'All' },
  open: { zh: '办理中', en: 'Open', status: 'submitted,accepted,returned,dispatched,in_progress,answered' },
  fed_back: { zh: '待评价', en: 'To rate', status: 'fed_back' },
  done: { zh: '已办结', en: 'Done', status: 'rated,closed' },
};

/** 我的问题: a firm's problems with status and answers, phone first. */
export default function MyProblemsPage() {
  const { tr } = useI18n();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const [f, setF] = useUrlState({ group: 'all', status: undefined as string | undefined, page: 1, pageSize: 20 });
  const group = f.status === 'fed_back' ? 'fed_back' : f.group;
  const status = GROUPS[group]?.status;
  const mine = me?.user.scope.kind === 'firm' ? undefined : 'raised';
  const list = useQuery({
    queryKey: ['my-problems', group, f.page, mine],
    queryFn: () => get<ProblemPage>('/api/problems', { status, mine, page: f.page, pageSize: f.pageSize }),
  });
  return (
    <Card
      title={tr('我的问题', 'My problems')}
      style={{ maxWidth: 760, margin: '0 auto' }}
      extra={
        can('problems.raise') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/problems/new')}
            data-testid="my-raise"
          >
            {tr('我要吹哨', 'Raise')}
          </Button>
        )
      }
    >
      {/* as wide as its labels, scrolling sideways if need be: four equal parts cut 办理中 to 办… on a phone */}
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          value={group}
          onChange={(v) => setF({ group: String(v), status: undefined })}
          options={Object.entries(GROUPS).map(([value, g]) => ({ value, label: tr(g.zh, g.en) }))}
        />
      </div>
      <List
        loading={list.isFetching}
        dataSource={list.data?.data ?? []}
        locale={{
          emptyText: (
            <Empty
              description={tr(
                '还没有问题。遇到困难点「我要吹哨」，党委会派部门限时办理',
                'No problems yet. Tap “Raise” when something blocks you',
              )}
            />
          ),
        }}
        pagination={
          list.data && list.data.total > f.pageSize
            ? {
                current: f.page,
                pageSize: f.pageSize,
                total: list.data.total,
                onChange: (page) => setF({ page }),
                simple: true,
              }
            : false
        }
        renderItem={(p) => (
          <List.Item
            key={p.id}
            data-testid="my-problem"
            onClick={() => navigate(`/problems/${p.id}`)}
            style={{ cursor: 'pointer', padding: '12px 4px' }}
          >
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <StatusTag status={p.status} />
                <Typography.Text strong>
                  <Link to={`/problems/${p.id}`}>{p.title}</Link>
                </Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {p.code} · {categoryLabel(p.category, tr)} · {formatDateTimeChina(p.raisedAt)}
                {p.leadDept ? ` · ${tr('责任单位', 'Dept')}：${p.leadDept.name}` : ''}
              </Typography.Text>
              <DueTag p={p} />
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
