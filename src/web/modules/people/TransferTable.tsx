import { Button, Input, Modal, Space, Tag, message } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import type { TransferItem } from './api.js';

const STATUS_COLOUR: Record<string, string> = {
  issued: 'processing',
  received: 'success',
  rejected: 'error',
  expired: 'warning',
  revoked: 'default',
};

/** Transfers with their actions: 接收 / 拒绝 for the receiving side, 撤销 for the issuing side. */
export function TransferTable({
  data,
  loading,
  pagination,
}: {
  data: TransferItem[];
  loading?: boolean;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (p: number, s: number) => void };
}) {
  const { tr } = useI18n();
  const qc = useQueryClient();
  const act = useMutation({
    mutationFn: ({
      t,
      action,
      reason,
    }: {
      t: TransferItem;
      action: 'receive' | 'reject' | 'revoke';
      reason?: string;
    }) => post(`/api/people/transfers/${t.id}/${action}`, { version: t.version, reason }),
    onSuccess: async () => {
      void message.success(tr('已办理', 'Done'));
      await qc.invalidateQueries({ queryKey: ['transfers'] });
      await qc.invalidateQueries({ queryKey: ['person'] });
      await qc.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const reject = (t: TransferItem) => {
    let reason = '';
    Modal.confirm({
      title: tr('拒绝接收组织关系', 'Reject the transfer'),
      content: (
        <Input.TextArea
          placeholder={tr('拒绝理由（必填）', 'Reason (required)')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: () => act.mutateAsync({ t, action: 'reject', reason }),
    });
  };
  return (
    <Table<TransferItem>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={data}
      pagination={pagination ?? false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: tr('没有组织关系转接', 'No transfers') }}
      columns={[
        {
          title: tr('姓名', 'Name'),
          dataIndex: 'personName',
          render: (v: string, t) => <Link to={`/people/${t.personId}`}>{v}</Link>,
        },
        { title: tr('转出党组织', 'From'), dataIndex: ['fromOrg', 'name'] },
        { title: tr('转入党组织', 'To'), dataIndex: ['toOrg', 'name'] },
        { title: tr('介绍信', 'Letter'), dataIndex: 'letterNo' },
        { title: tr('开具日期', 'Issued'), dataIndex: 'issuedOn', width: 110 },
        { title: tr('有效期至', 'Valid until'), dataIndex: 'validUntil', width: 110 },
        {
          title: tr('状态', 'Status'),
          dataIndex: 'statusLabel',
          width: 90,
          render: (v: string, t) => <Tag color={STATUS_COLOUR[t.status]}>{v}</Tag>,
        },
        { title: tr('理由', 'Reason'), dataIndex: 'reason', ellipsis: true, width: 160 },
        {
          title: tr('操作', 'Actions'),
          width: 180,
          render: (_, t) => (
            <Space>
              {t.canReceive && (
                <Button
                  size="small"
                  type="primary"
                  data-testid="transfer-receive"
                  onClick={() =>
                    Modal.confirm({
                      title: tr(`确认接收${t.personName}的组织关系？`, `Receive ${t.personName}?`),
                      onOk: () => act.mutateAsync({ t, action: 'receive' }),
                    })
                  }
                >
                  {tr('接收', 'Receive')}
                </Button>
              )}
              {t.canReceive && (
                <Button size="small" danger onClick={() => reject(t)}>
                  {tr('拒绝', 'Reject')}
                </Button>
              )}
              {t.canRevoke && (
                <Button
                  size="small"
                  onClick={() =>
                    Modal.confirm({
                      title: tr('撤销该转接？', 'Revoke?'),
                      onOk: () => act.mutateAsync({ t, action: 'revoke' }),
                    })
                  }
                >
                  {tr('撤销', 'Revoke')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
