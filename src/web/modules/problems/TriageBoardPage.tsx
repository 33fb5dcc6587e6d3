import { Badge, Card, Col, Empty, List, Row, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import type { ProblemPage } from './api.js';
import { DueTag, StatusTag } from './labels.js';

const COLUMNS = [
  { key: 'accept', zh: '待受理（企业吹哨）', en: 'To accept', status: 'submitted' },
  { key: 'dispatch', zh: '待派单 / 被退单', en: 'To dispatch / returned', status: 'accepted,returned' },
  { key: 'doing', zh: '部门办理中', en: 'With departments', status: 'dispatched,in_progress' },
  { key: 'feedback', zh: '已答复待反馈', en: 'To feed back', status: 'answered' },
  { key: 'rate', zh: '待企业评价', en: 'Awaiting rating', status: 'fed_back' },
] as const;

/** 党委响应: the committee's triage board, one column per step that needs the committee. */
export default function TriageBoardPage() {
  const { tr } = useI18n();
  const cols = useQueries({
    queries: COLUMNS.map((c) => ({
      queryKey: ['problems', 'board', c.key],
      queryFn: () => get<ProblemPage>('/api/problems', { status: c.status, pageSize: 30, sort: 'due' }),
    })),
  });
  return (
    <Row gutter={[12, 12]} data-testid="triage-board">
      {COLUMNS.map((c, i) => {
        const q = cols[i];
        return (
          <Col key={c.key} xs={24} md={12} xl={Math.floor(24 / 5)} flex="1">
            <Card
              size="small"
              title={
                <span data-testid={`board-${c.key}`}>
                  {tr(c.zh, c.en)}{' '}
                  <Badge count={q?.data?.total ?? 0} showZero color={c.key === 'accept' ? 'gold' : 'blue'} />
                </span>
              }
              loading={q?.isLoading}
            >
              <List
                size="small"
                dataSource={q?.data?.data ?? []}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('暂无', 'Nothing')} />,
                }}
                renderItem={(p) => (
                  <List.Item key={p.id} data-testid="board-item">
                    <div style={{ width: '100%' }}>
                      <Link to={`/problems/${p.id}`}>{p.title}</Link>
                      <div>
                        <StatusTag status={p.status} />
                        <DueTag p={p} />
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[p.firm?.name, p.leadDept?.name].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </div>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
