import { Card, Segmented, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import type { TransferPage } from './api.js';
import { TransferTable } from './TransferTable.js';

/** 组织关系转接: letters issued by and to the orgs in scope, with 接收 / 拒绝 / 撤销. */
export default function TransfersPage() {
  const { tr, lang } = useI18n();
  const [f, setF] = useUrlState({ direction: 'all', status: undefined as string | undefined, page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: ['transfers', f, lang],
    queryFn: () => get<TransferPage>('/api/people/transfers', f),
  });
  return (
    <Card title={tr('组织关系转接', 'Relation transfers')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={f.direction}
          onChange={(direction) => setF({ direction: String(direction) })}
          options={[
            { value: 'all', label: tr('全部', 'All') },
            { value: 'in', label: tr('转入', 'Incoming') },
            { value: 'out', label: tr('转出', 'Outgoing') },
          ]}
        />
        <Select
          allowClear
          placeholder={tr('状态', 'Status')}
          style={{ width: 120 }}
          value={f.status}
          onChange={(status: string | undefined) => setF({ status })}
          options={[
            { value: 'issued', label: tr('已开具', 'Issued') },
            { value: 'received', label: tr('已接收', 'Received') },
            { value: 'rejected', label: tr('已拒绝', 'Rejected') },
            { value: 'expired', label: tr('已超期', 'Expired') },
            { value: 'revoked', label: tr('已撤销', 'Revoked') },
          ]}
        />
      </Space>
      <TransferTable
        data={list.data?.data ?? []}
        loading={list.isFetching}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setF({ page, pageSize }),
        }}
      />
    </Card>
  );
}
