import { Alert, Card, Col, Collapse, Descriptions, Image, Row, Space, Tag, Timeline, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import { ASSIGNMENT_STATUS_LABELS } from '../../../shared/problem-labels.js';
import type { ProblemDetail } from './api.js';
import { ProblemActions } from './ProblemActions.js';
import { ProvisionalTag } from '../../components/ProvisionalTag.js';
import { DueTag, StatusTag, categoryLabel, ratingLabel, sourceLabel } from './labels.js';

const STATE: Record<string, { zh: string; en: string; color: string }> = {
  overdue: { zh: '已逾期', en: 'Overdue', color: 'red' },
  due_soon: { zh: '即将到期', en: 'Due soon', color: 'orange' },
  open: { zh: '未到期', en: 'Open', color: 'blue' },
  done_on_time: { zh: '已按期完成', en: 'Done on time', color: 'green' },
  done_late: { zh: '逾期完成', en: 'Done late', color: 'volcano' },
  ended: { zh: '已结束', en: 'Ended', color: 'default' },
};

/** A problem: what it is, its deadlines with their reasons, the next step, the full timeline. */
export default function ProblemDetailPage() {
  const { tr } = useI18n();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['problem', id], queryFn: () => get<ProblemDetail>(`/api/problems/${id}`) });
  if (q.isError) return <Alert type="error" title={(q.error as Error).message} />;
  const p = q.data;
  if (!p) return <Card loading />;
  const current = p.deadlines.filter((d) => ['overdue', 'due_soon', 'open'].includes(d.state));
  const past = p.deadlines.filter((d) => !current.includes(d));
  const deadline = (d: ProblemDetail['deadlines'][number]) => {
    const s = STATE[d.state] ?? STATE.ended!;
    return (
      <div key={d.key} data-testid={`deadline-${d.key}`} style={{ marginBottom: 8 }}>
        <Space wrap>
          <Typography.Text strong>{d.label}</Typography.Text>
          <Tag color={s.color}>{d.due ?? '—'}</Tag>
          <ProvisionalTag year={d.provisionalYear} />
          <Tag color={s.color}>
            {tr(s.zh, s.en)}
            {d.overdueDays ? tr(` ${d.overdueDays} 个工作日`, ` ${d.overdueDays} working days`) : ''}
          </Tag>
        </Space>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {d.reason}
          </Typography.Text>
        </div>
      </div>
    );
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Card
            title={
              <Space wrap>
                <StatusTag status={p.status} />
                <span data-testid="problem-title">{p.title}</span>
              </Space>
            }
            extra={<Typography.Text type="secondary">{p.code}</Typography.Text>}
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Typography.Paragraph>
            {p.photos.length > 0 && (
              <Image.PreviewGroup>
                <Space wrap style={{ marginBottom: 12 }}>
                  {p.photos.map((ph) => (
                    <Image key={ph.id} src={ph.url} width={96} height={96} style={{ objectFit: 'cover' }} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            )}
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={tr('类别', 'Category')}>{categoryLabel(p.category, tr)}</Descriptions.Item>
              <Descriptions.Item label={tr('来源', 'Source')}>{sourceLabel(p.source, tr)}</Descriptions.Item>
              <Descriptions.Item label={tr('企业/项目', 'Firm / project')}>
                {[p.firm?.name, p.project?.name].filter(Boolean).join(' / ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item
                label={tr('提出', 'Raised')}
              >{`${p.raiser?.name ?? ''} ${formatDateTimeChina(p.raisedAt)}`}</Descriptions.Item>
              <Descriptions.Item label={tr('首办负责人', 'Owner')}>
                {p.owner?.name ?? tr('待受理', 'Not yet accepted')}
              </Descriptions.Item>
              <Descriptions.Item label={tr('责任单位', 'Lead department')}>{p.leadDept?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={tr('答复时限', 'Answer deadline')}>
                <DueTag p={p} />
              </Descriptions.Item>
              {p.rating && (
                <Descriptions.Item
                  label={tr('评价', 'Rating')}
                >{`${ratingLabel(p.rating, tr)}${p.ratingComment ? `（${p.ratingComment}）` : ''}`}</Descriptions.Item>
              )}
            </Descriptions>
            {(p.feedback ?? p.answer ?? p.closeAnswer) && (
              <Alert
                type="success"
                style={{ marginTop: 12 }}
                title={tr('答复', 'Answer')}
                description={p.feedback ?? p.answer ?? p.closeAnswer}
                data-testid="problem-answer"
              />
            )}
          </Card>
          <ProblemActions p={p} />
          {p.assignments.length > 0 && (
            <Card size="small" title={tr('派单与办理', 'Dispatches')}>
              <Table
                size="small"
                rowKey="no"
                pagination={false}
                scroll={{ x: 640 }}
                dataSource={p.assignments}
                columns={[
                  {
                    title: tr('部门', 'Department'),
                    render: (_, a) =>
                      `${a.dept.name}${a.role === 'lead' ? tr('（主办）', ' (lead)') : tr('（协办）', ' (co)')}${a.designated ? tr('·指定', '·designated') : ''}`,
                  },
                  {
                    title: tr('状态', 'Status'),
                    dataIndex: 'status',
                    render: (s: string) =>
                      tr(
                        ASSIGNMENT_STATUS_LABELS[s as keyof typeof ASSIGNMENT_STATUS_LABELS]?.zh ?? s,
                        ASSIGNMENT_STATUS_LABELS[s as keyof typeof ASSIGNMENT_STATUS_LABELS]?.en ?? s,
                      ),
                  },
                  { title: tr('签收时限', 'Sign by'), dataIndex: 'signDue', render: (d: string | null) => d ?? '—' },
                  {
                    title: tr('答复时限', 'Answer by'),
                    dataIndex: 'answerDue',
                    render: (d: string | null, a) =>
                      `${d ?? tr('待日历', 'pending')}${a.extensionDays ? tr(`（含延期 ${a.extensionDays} 天）`, ` (+${a.extensionDays})`) : ''}`,
                  },
                  {
                    title: tr('退单理由 / 答复', 'Return reason / answer'),
                    render: (_, a) => a.returnReason ?? a.answer ?? '',
                  },
                ]}
              />
            </Card>
          )}
        </Space>
      </Col>
      <Col xs={24} lg={9}>
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Card
            size="small"
            title={tr('当前时限（按工作日）', 'Current deadlines (working days)')}
            data-testid="problem-deadlines"
          >
            {current.length === 0 ? (
              <Typography.Text type="secondary">{tr('没有未到的时限', 'No open deadline')}</Typography.Text>
            ) : (
              current.map(deadline)
            )}
            {past.length > 0 && (
              <Collapse
                ghost
                size="small"
                items={[
                  {
                    key: 'past',
                    label: tr(`已完成或已结束的时限（${past.length}）`, `Done or ended (${past.length})`),
                    children: past.map(deadline),
                  },
                ]}
              />
            )}
          </Card>
          <Card
            size="small"
            title={tr('办理记录（不可修改）', 'Timeline (append-only)')}
            data-testid="problem-timeline"
          >
            <Timeline
              items={p.events.map((e) => ({
                key: e.seq,
                color: e.type === 'reminder' ? 'red' : e.type === 'returned' ? 'orange' : 'blue',
                content: (
                  <div data-testid="timeline-item">
                    <Typography.Text strong>{e.label}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {formatDateTimeChina(e.at)} · {e.actor}
                      {e.actorUnit ? `（${e.actorUnit}）` : ''}
                    </Typography.Text>
                    <div>{e.text}</div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
