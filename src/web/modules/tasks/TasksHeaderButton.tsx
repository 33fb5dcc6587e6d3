import { Badge, Button } from 'antd';
import { ProfileOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';
import { fetchTasks, taskKeys } from './api.js';

/** The header's 任务中心 icon, badged with the user's queued and running tasks. */
export function TasksHeaderButton() {
  const { tr } = useI18n();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: taskKeys.active,
    queryFn: () => fetchTasks({ page: 1, pageSize: 1 }),
    // looked at often only while something runs
    refetchInterval: (s) => ((s.state.data?.active ?? 0) > 0 ? 3000 : 60_000),
  });
  return (
    <Badge count={q.data?.active ?? 0} size="small" color="blue">
      <Button
        type="text"
        icon={<ProfileOutlined />}
        aria-label={tr('任务中心', 'Task center')}
        title={tr('任务中心', 'Task center')}
        onClick={() => navigate('/tasks')}
        data-testid="tasks-header"
      />
    </Badge>
  );
}
