import { Button, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../../../app/api.js';
import { useI18n } from '../../../app/i18n.js';
import type { ProjectFindings } from '../../../../shared/api/supervision.js';

function lastMonths(today: string, n: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const idx = y * 12 + (m - 1) - i;
    return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
  });
}

/** 月调度 reports of recent months (open one to confirm) and 季督办 findings about the project. */
export function CadencePanel({ projectId, today }: { projectId: number; today: string }) {
  const { tr, lang } = useI18n();
  const findings = useQuery({
    queryKey: ['project', projectId, 'findings', lang],
    queryFn: () => get<ProjectFindings>(`/api/projects/${projectId}/findings`),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>{tr('月调度报告', 'Monthly dispatch reports')}</Typography.Title>
      <Space wrap>
        {lastMonths(today, 6).map((m) => (
          <Link key={m} to={`/dispatch/${projectId}/${m}`}>
            <Button size="large">{m}</Button>
          </Link>
        ))}
      </Space>
      <Typography.Title level={5}>{tr('季督办发现', 'Supervision findings')}</Typography.Title>
      <List
        dataSource={findings.data?.data ?? []}
        locale={{ emptyText: tr('暂无督办发现', 'No findings') }}
        renderItem={(f) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  {f.description}
                  <Tag color={f.status === 'open' ? 'orange' : 'green'}>
                    {f.status === 'open' ? tr('待整改', 'Open') : tr('已整改', 'Resolved')}
                  </Tag>
                  {f.problemId && <Tag>{tr(`问题台账 #${f.problemId}`, `Problem #${f.problemId}`)}</Tag>}
                </Space>
              }
              description={f.resolution}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
