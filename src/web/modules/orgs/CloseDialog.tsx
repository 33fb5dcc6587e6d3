import { useState } from 'react';
import { Alert, App, Modal, Select, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { closeOrg, closePlan, WHY, type ClosePlanMember, type OrgNode } from './api.js';

/** 撤销: each member's relation needs a destination (proposed, or chosen per member). */
export function CloseDialog({ org, onClose }: { org: OrgNode; onClose: () => void }) {
  const { tr } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const plan = useQuery({
    queryKey: ['close-plan', org.id],
    queryFn: () => closePlan(org.id),
  });
  const [chosen, setChosen] = useState<Record<number, number>>({});
  const [refused, setRefused] = useState<string | null>(null);
  const close = useMutation({
    mutationFn: () =>
      closeOrg(org.id, {
        destinations: Object.entries(chosen).map(([personId, orgUnitId]) => ({
          personId: Number(personId),
          orgUnitId,
        })),
      }),
    onSuccess: (r) => {
      void message.success(tr(`已撤销，${r.moved} 名党员组织关系已转出`, `Closed; ${r.moved} relations moved`));
      void qc.invalidateQueries({ queryKey: ['org-tree'] });
      void qc.invalidateQueries({ queryKey: ['org-lifecycle'] });
      onClose();
    },
    onError: (e) => setRefused(e instanceof ApiError ? e.message : String(e)),
  });
  const members = plan.data?.members ?? [];
  return (
    <Modal
      open
      width={760}
      title={tr(`撤销「${org.name}」`, `Close ${org.name}`)}
      onCancel={onClose}
      okText={tr('确认撤销', 'Close it')}
      okButtonProps={{ danger: true, loading: close.isPending, 'data-testid': 'close-confirm' } as never}
      onOk={() => close.mutate()}
    >
      <Typography.Paragraph>
        {tr(
          '撤销时每名党员的组织关系都必须有去向。系统按居住社区、原所在组织建议去向，也可逐人选择。',
          'Every member’s relation must go somewhere: proposed from the home community or the previous org; choose per member.',
        )}
      </Typography.Paragraph>
      {refused && (
        <Alert type="error" showIcon message={refused} style={{ marginBottom: 12 }} data-testid="close-refused" />
      )}
      <Table
        rowKey="personId"
        size="small"
        loading={plan.isLoading}
        dataSource={members}
        pagination={false}
        columns={[
          { title: tr('党员', 'Member'), dataIndex: 'name' },
          {
            title: tr('组织关系去向', 'Destination'),
            render: (_: unknown, m: ClosePlanMember) => (
              <Select
                style={{ width: 320 }}
                status={!m.proposed && !chosen[m.personId] ? 'error' : undefined}
                placeholder={tr('无建议去向，请选择', 'No proposal: choose one')}
                value={chosen[m.personId] ?? m.proposed?.orgUnitId}
                onChange={(v: number) => setChosen((c) => ({ ...c, [m.personId]: v }))}
                options={m.options.map((o) => ({
                  value: o.orgUnitId,
                  label: `${o.name}（${tr(WHY[o.why]?.[0] ?? o.why, WHY[o.why]?.[1] ?? o.why)}）`,
                }))}
              />
            ),
          },
        ]}
      />
      {plan.data && plan.data.participants > 0 && (
        <Typography.Text type="secondary">
          {tr(
            `另有 ${plan.data.participants} 名参与管理的党员，其参与关系将结束。`,
            `${plan.data.participants} participating members: their participation ends.`,
          )}
        </Typography.Text>
      )}
    </Modal>
  );
}
