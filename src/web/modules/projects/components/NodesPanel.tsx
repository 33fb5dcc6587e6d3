import { ProvisionalTag } from '../../../components/ProvisionalTag.js';
import { useState } from 'react';
import { Button, Collapse, Grid, List, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../app/i18n.js';
import type { ProjectDetail, ProjectNode } from '../api.js';
import { NODE_STATUS } from '../labels.js';
import { NodeTimeline } from './NodeTimeline.js';
import { NodeEditDrawer } from './NodeEditDrawer.js';

const DONE = new Set(['done', 'done_late']);

/**
 * The timeline chart and the node list; the commissioner updates a node in a drawer. On a phone the open
 * nodes come first with their 更新 at hand, the reached ones fold away and the chart follows (decision 029).
 */
export function NodesPanel({ project, today }: { project: ProjectDetail; today: string }) {
  const { tr } = useI18n();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<ProjectNode | null>(null);
  const list = (nodes: ProjectNode[]) => (
    <List
      dataSource={nodes}
      renderItem={(n) => {
        const s = NODE_STATUS[n.status];
        return (
          <List.Item
            data-testid={`node-${n.seq}`}
            actions={
              project.abilities.progress
                ? [
                    <Button
                      key="edit"
                      size="large"
                      type="link"
                      onClick={() => setEditing(n)}
                      data-testid={`node-edit-${n.seq}`}
                    >
                      {tr('更新', 'Update')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Typography.Text strong>{n.name}</Typography.Text>
                  <Tag color={s.color}>
                    {tr(s.zh, s.en)}
                    {n.lateDays ? tr(` ${n.lateDays} 个工作日`, ` ${n.lateDays} working days`) : ''}
                  </Tag>
                  <ProvisionalTag year={n.provisionalYear} />
                </Space>
              }
              description={
                <Space orientation="vertical" size={0}>
                  <span>
                    {tr('计划', 'Plan')} {n.plannedDate ?? '—'}
                    {n.expectedDate && !n.actualDate ? ` · ${tr('预计', 'Expected')} ${n.expectedDate}` : ''}
                    {n.actualDate ? ` · ${tr('实际', 'Actual')} ${n.actualDate}` : ''}
                  </span>
                  {(n.responsibleName || n.responsibleUnit) && (
                    <span>
                      {tr('责任人', 'Responsible')}：
                      {[n.responsibleName, n.responsibleUnit?.name].filter(Boolean).join(' · ')}
                    </span>
                  )}
                  {n.evidence && (
                    <Typography.Text type="secondary">
                      {tr('佐证', 'Evidence')}：{n.evidence}
                    </Typography.Text>
                  )}
                </Space>
              }
            />
          </List.Item>
        );
      }}
    />
  );
  const open = project.nodes.filter((n) => !DONE.has(n.status));
  const reached = project.nodes.filter((n) => DONE.has(n.status));
  return (
    <>
      {phone ? (
        <>
          {list(open)}
          {reached.length > 0 && (
            <Collapse
              ghost
              size="small"
              items={[
                {
                  key: 'reached',
                  label: tr(`已完成的节点（${reached.length}）`, `Reached (${reached.length})`),
                  children: list(reached),
                },
              ]}
            />
          )}
          <NodeTimeline nodes={project.nodes} today={today} />
        </>
      ) : (
        <>
          <NodeTimeline nodes={project.nodes} today={today} />
          {list(project.nodes)}
        </>
      )}
      <NodeEditDrawer project={project} node={editing} onClose={() => setEditing(null)} />
    </>
  );
}
