import { Badge, Card, Tabs } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import type { ProblemPage } from './api.js';
import { ProblemTable } from './ProblemTable.js';

const QUEUES = [
  { key: 'to_sign', zh: '待签收', en: 'To sign' },
  { key: 'in_hand', zh: '办理中', en: 'In hand' },
  { key: 'due_soon', zh: '即将到期', en: 'Due soon' },
  { key: 'overdue', zh: '已逾期', en: 'Overdue' },
] as const;

/** 部门报到: a department's queue — to sign, in hand, due soon, overdue. */
export default function DeptQueuePage() {
  const { tr } = useI18n();
  const [f, setF] = useUrlState({ queue: 'to_sign', page: 1, pageSize: 20 });
  const counts = useQueries({
    queries: QUEUES.map((q) => ({
      queryKey: ['problems', 'queue-count', q.key],
      queryFn: () => get<ProblemPage>('/api/problems', { queue: q.key, pageSize: 1 }),
    })),
  });
  const list = useQuery({
    queryKey: ['problems', 'queue', f],
    queryFn: () =>
      get<ProblemPage>('/api/problems', { queue: f.queue, page: f.page, pageSize: f.pageSize, sort: 'due' }),
  });
  return (
    <Card title={tr('本部门待办问题', 'Department queue')}>
      <Tabs
        activeKey={f.queue}
        onChange={(queue) => setF({ queue })}
        items={QUEUES.map((q, i) => ({
          key: q.key,
          label: (
            <span data-testid={`queue-${q.key}`}>
              {tr(q.zh, q.en)}{' '}
              <Badge
                count={counts[i]?.data?.total ?? 0}
                color={q.key === 'overdue' ? 'red' : q.key === 'due_soon' ? 'orange' : 'blue'}
                showZero={false}
              />
            </span>
          ),
        }))}
      />
      <ProblemTable
        data={list.data}
        loading={list.isFetching}
        page={f.page}
        pageSize={f.pageSize}
        onPage={(page, pageSize) => setF({ page, pageSize })}
        compact
      />
    </Card>
  );
}
