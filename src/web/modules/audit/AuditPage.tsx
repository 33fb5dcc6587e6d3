import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Input, Select, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { auditCodeEn } from '../../../shared/labels.js';
import { DateField } from '../../components/list/DateField.js';
import { ListPage, type ListColumn } from '../../components/list/ListPage.js';
import { useListState } from '../../components/list/useListState.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import type { AuditFacets, AuditPage as AuditList, AuditView, ChainReport } from '../../../shared/api/audit.js';

const DEFAULTS = {
  q: undefined as string | undefined,
  actor: undefined as string | undefined,
  entity: undefined as string | undefined,
  action: undefined as string | undefined,
  from: undefined as string | undefined,
  to: undefined as string | undefined,
  page: 1,
  pageSize: 20,
};

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12, maxHeight: 360, overflow: 'auto' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** 审计日志 (audit administrator): search, read a record's before/after, verify the hash chain, export. */
export default function AuditPage() {
  const { tr, lang } = useI18n();
  const word = (code: string, zh: string) => (lang === 'zh' ? zh : auditCodeEn(code));
  const list = useListState(DEFAULTS);
  const f = list.state;
  const [detail, setDetail] = useState<AuditView | null>(null);
  const page = useQuery({ queryKey: ['audit', f], queryFn: () => get<AuditList>('/api/audit', f) });
  const facets = useQuery({
    queryKey: ['audit-facets'],
    queryFn: () => get<AuditFacets>('/api/audit/facets'),
  });
  const verify = useMutation({ mutationFn: () => get<ChainReport>('/api/audit/verify') });
  const columns: ListColumn<AuditView>[] = [
    { title: tr('编号', 'No.'), dataIndex: 'id', width: 80 },
    { title: tr('时间', 'Time'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTimeChina(v) },
    { title: tr('操作人', 'Actor'), dataIndex: 'actorName', width: 120 },
    { title: 'IP', dataIndex: 'ip', width: 130, responsive: ['lg'] },
    { title: tr('对象', 'Entity'), dataIndex: 'entityZh', width: 110, render: (v: string, r) => word(r.entity, v) },
    { title: tr('对象编号', 'Entity id'), dataIndex: 'entityId', width: 90 },
    { title: tr('操作', 'Action'), dataIndex: 'actionZh', width: 110, render: (v: string, r) => word(r.action, v) },
  ];
  const facetOptions = (xs: { value: string; zh: string }[] | undefined) =>
    (xs ?? []).map((e) => ({ value: e.value, label: word(e.value, e.zh) }));

  return (
    <ListPage<AuditView, typeof DEFAULTS>
      listId="audit"
      title={tr('审计日志', 'Audit log')}
      list={list}
      data={page.data}
      loading={page.isFetching}
      columns={columns}
      rowKey="id"
      table={{
        size: 'small',
        scroll: { x: 960 },
        onRow: (r) => ({ onClick: () => setDetail(r), style: { cursor: 'pointer' } }),
      }}
      totalText={(n) => tr(`共 ${n} 条`, `${n} records`)}
      search={{
        name: 'q',
        placeholder: tr('关键词（操作人、对象、内容、IP）', 'Keyword'),
        testId: 'audit-search',
        width: 260,
      }}
      fields={[
        {
          name: 'actor',
          label: tr('操作人用户名', 'Actor'),
          text: true,
          input: <Input allowClear placeholder={tr('操作人用户名', 'Actor')} style={{ width: 150 }} />,
        },
        {
          name: 'entity',
          label: tr('对象', 'Entity'),
          input: (
            <Select
              allowClear
              placeholder={tr('对象', 'Entity')}
              style={{ width: 140 }}
              options={facetOptions(facets.data?.entities)}
            />
          ),
        },
        {
          name: 'action',
          label: tr('操作', 'Action'),
          input: (
            <Select
              allowClear
              placeholder={tr('操作', 'Action')}
              style={{ width: 140 }}
              options={facetOptions(facets.data?.actions)}
            />
          ),
        },
        { name: 'from', label: tr('开始日期', 'From'), input: <DateField placeholder={tr('开始日期', 'From')} /> },
        { name: 'to', label: tr('结束日期', 'To'), input: <DateField placeholder={tr('结束日期', 'To')} /> },
      ]}
      exportPath="/api/audit/export"
      actions={
        <Button
          icon={<SafetyOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {tr('校验完整性', 'Verify chain')}
        </Button>
      }
      empty={{
        text: tr(
          '暂无审计记录。每次登录和每次修改都会在此留下记录',
          'No records yet. Every login and change is recorded here',
        ),
      }}
      banner={
        verify.data && (
          <Alert
            style={{ marginBottom: 16 }}
            showIcon
            data-testid="audit-verify-result"
            type={verify.data.ok ? 'success' : 'error'}
            title={
              verify.data.ok
                ? tr(
                    `哈希链完整：已校验 ${verify.data.checked} 条记录，未发现篡改`,
                    `Chain intact: ${verify.data.checked} records verified`,
                  )
                : tr(
                    `哈希链在第 ${verify.data.firstBad?.id} 条记录处断开（${verify.data.firstBad?.reason}），该记录或其后记录可能被篡改或删除`,
                    `Chain broken at record ${verify.data.firstBad?.id} (${verify.data.firstBad?.reason})`,
                  )
            }
          />
        )
      }
    >
      <Drawer
        open={Boolean(detail)}
        onClose={() => setDetail(null)}
        size={640}
        title={tr(`审计记录 #${detail?.id ?? ''}`, `Audit record #${detail?.id ?? ''}`)}
      >
        {detail && (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={tr('时间', 'Time')}>{formatDateTimeChina(detail.at)}</Descriptions.Item>
              <Descriptions.Item label={tr('操作人', 'Actor')}>{detail.actorName}</Descriptions.Item>
              <Descriptions.Item label="IP">{detail.ip}</Descriptions.Item>
              <Descriptions.Item label={tr('请求编号', 'Request id')}>{detail.requestId}</Descriptions.Item>
              <Descriptions.Item
                label={tr('对象', 'Entity')}
              >{`${word(detail.entity, detail.entityZh)} ${detail.entityId ?? ''}`}</Descriptions.Item>
              <Descriptions.Item label={tr('操作', 'Action')}>{word(detail.action, detail.actionZh)}</Descriptions.Item>
              <Descriptions.Item label={tr('哈希', 'Hash')}>
                <Typography.Text code style={{ fontSize: 11 }}>
                  {detail.hash}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{tr('变更前', 'Before')}</Typography.Title>
            <Json value={detail.before} />
            <Typography.Title level={5}>{tr('变更后', 'After')}</Typography.Title>
            <Json value={detail.after} />
          </>
        )}
      </Drawer>
    </ListPage>
  );
}
