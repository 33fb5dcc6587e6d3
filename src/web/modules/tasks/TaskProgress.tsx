import { Progress, Typography } from 'antd';
import { useI18n } from '../../app/i18n.js';
import type { TaskView } from './api.js';

/** A task's progress: rows done / total under a bar (queued: an empty bar; failed: red). */
export function TaskProgress({ task, compact }: { task: TaskView; compact?: boolean }) {
  const { tr } = useI18n();
  const total = task.total ?? 0;
  const percent = task.status === 'done' ? 100 : total > 0 ? Math.min(99, Math.floor((task.done / total) * 100)) : 0;
  const status =
    task.status === 'failed'
      ? 'exception'
      : task.status === 'done'
        ? 'success'
        : task.status === 'running'
          ? 'active'
          : 'normal';
  return (
    <div data-testid={`task-progress-${task.id}`} style={{ minWidth: compact ? 120 : 200 }}>
      <Progress percent={percent} status={status} size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {task.status === 'queued'
          ? tr('排队中，稍后开始', 'Queued')
          : total > 0
            ? tr(`${task.done.toLocaleString()} / ${total.toLocaleString()} 行`, `${task.done} / ${total} rows`)
            : tr('处理中', 'Working')}
      </Typography.Text>
    </div>
  );
}
