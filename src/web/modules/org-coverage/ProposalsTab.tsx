import { useState } from 'react';
import { App, Button, Card, Col, Input, Row, Space, Tag, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useAuth } from '../../app/auth.js';
import { rejectProposal, type CoverageOverview, type ProposalList, type ProposalRow } from './api.js';
import { AcceptModal } from './AcceptModal.js';
import { TownshipCoverageChart } from './TownshipCoverageChart.js';
import { RecomputeProposals } from './RecomputeProposals.js';

/** 联合党支部建议: coverage by township, 重新计算, and the list to accept (edited) or reject with a reason. */
export function ProposalsTab({
  proposals,
  overview,
  loading,
}: {
  proposals: ProposalList | undefined;
  overview: CoverageOverview | undefined;
  loading: boolean;
}) {
  const { tr, lang } = useI18n();
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [accepting, setAccepting] = useState<ProposalRow | null>(null);
  const reject = useMutation({
    mutationFn: (v: { id: number; reason: string }) => rejectProposal(v.id, v.reason),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['coverage'] }),
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const decide = can('coverage.decide');
  const askReject = (p: ProposalRow) => {
    let reason = '';
    modal.confirm({
      title: tr(`否决「${p.name}」`, `Reject ${p.name}`),
      content: (
        <Input.TextArea
          data-testid="reject-reason"
          placeholder={tr('原因（必填）', 'Reason (required)')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: () => reject.mutateAsync({ id: p.id, reason }),
    });
  };
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={tr('各镇覆盖率', 'Coverage by township')} loading={loading || !overview}>
            {overview && <TownshipCoverageChart overview={overview} />}
            {!!proposals?.leftOver.length && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="left-over">
                {tr('暂无可联合的单位', 'No partner nearby')}：
                {proposals.leftOver.map((u) => `${u.name}（${u.members}）`).join('、')}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <RecomputeProposals computedAt={proposals?.computedAt} />
          <Table<ProposalRow>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={proposals?.data ?? []}
            pagination={false}
            expandable={{
              expandedRowRender: (p) => (
                <ul style={{ margin: 0 }}>
                  {p.reasons.map((r, i) => (
                    <li key={i}>{r[lang]}</li>
                  ))}
                </ul>
              ),
            }}
            columns={[
              {
                title: tr('建议名称', 'Name'),
                dataIndex: 'name',
                render: (v: string, p) => <span data-testid={`proposal-${p.id}`}>{v}</span>,
              },
              {
                title: tr('单位', 'Units'),
                render: (_: unknown, p) => p.units.map((u) => `${u.name}（${u.members}）`).join('、'),
              },
              { title: tr('党员', 'Members'), dataIndex: 'formalMembers', width: 60 },
              {
                title: tr('状态', 'Status'),
                width: 150,
                render: (_: unknown, p) =>
                  p.status === 'open' && decide ? (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`accept-${p.id}`}
                        onClick={() => setAccepting(p)}
                      >
                        {tr('采纳', 'Accept')}
                      </Button>
                      <Button size="small" danger data-testid={`reject-${p.id}`} onClick={() => askReject(p)}>
                        {tr('否决', 'Reject')}
                      </Button>
                    </Space>
                  ) : (
                    <Tag color={p.status === 'accepted' ? 'green' : p.status === 'rejected' ? 'default' : 'blue'}>
                      {p.status === 'accepted'
                        ? tr('已采纳', 'Accepted')
                        : p.status === 'rejected'
                          ? `${tr('已否决', 'Rejected')}：${p.decisionNote ?? ''}`
                          : tr('待决定', 'Open')}
                    </Tag>
                  ),
              },
            ]}
          />
        </Col>
      </Row>

      <AcceptModal proposal={accepting} onClose={() => setAccepting(null)} />
    </>
  );
}
