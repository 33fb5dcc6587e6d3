import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, List, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { COLOURS, wan } from '../projects/labels.js';
import { DISPATCH_STATE, type DispatchReport } from './api.js';

/** 确认月调度 (phone): the report is already filled from nodes, investment and open items; confirm and add remarks. */
export default function DispatchConfirmPage() {
  const { projectId, month } = useParams();
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [remarks, setRemarks] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['dispatch-report', projectId, month, lang],
    queryFn: () => get<DispatchReport>(`/api/dispatch/${projectId}/${month}`),
  });
  const confirm = useMutation({
    mutationFn: () =>
      post<DispatchReport>(`/api/dispatch/${projectId}/${month}/confirm`, {
        remarks: remarks ?? q.data?.remarks ?? null,
        version: q.data?.version ?? 0,
      }),
    onSuccess: () => {
      void message.success(tr('已确认', 'Confirmed'));
      void qc.invalidateQueries({ queryKey: ['dispatch-report'] });
      void qc.invalidateQueries({ queryKey: ['dispatch'] });
    },
  });
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.error)
    return (
      <Result
        status="warning"
        title={(q.error as Error).message}
        extra={<Link to="/dispatch">{tr('返回', 'Back')}</Link>}
      />
    );
  const r = q.data as DispatchReport;
  const s = r.snapshot;
  const t = (x: { zh: string; en: string }) => (lang === 'zh' ? x.zh : x.en);
  const nodes = (ns: typeof s.summary.nodesDone) =>
    ns.length ? ns.map((n) => `${n.name}（${n.actualDate ?? n.plannedDate ?? ''}）`).join('、') : tr('无', 'none');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span>{s.project.name}</span>
            <Tag color={COLOURS[s.colour].tag}>{tr(`${COLOURS[s.colour].zh}色`, COLOURS[s.colour].en)}</Tag>
          </Space>
        }
        extra={
          <Tag color={DISPATCH_STATE[r.state].color} data-testid="dispatch-state-tag">
            {tr(DISPATCH_STATE[r.state].zh, DISPATCH_STATE[r.state].en)}
          </Tag>
        }
      >
        <Typography.Paragraph type="secondary">
          {tr(
            `${month} 月调度报告 · 已按系统数据自动填好，只需确认并补充备注`,
            `Dispatch report ${month}, prefilled from the system: confirm and add remarks`,
          )}
          {r.dueOn ? tr(`（${r.dueOn} 前）`, ` (due ${r.dueOn})`) : ''}
        </Typography.Paragraph>
        {s.reasons.map((x, i) => (
          <Alert key={i} type={s.colour === 'blue' ? 'info' : 'warning'} title={t(x)} style={{ marginBottom: 6 }} />
        ))}
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" style={{ marginTop: 8 }}>
          <Descriptions.Item label={tr('本月完成节点', 'Reached this month')}>
            {nodes(s.summary.nodesDone)}
          </Descriptions.Item>
          <Descriptions.Item label={tr('本月未按计划完成', 'Missed this month')}>
            {nodes(s.summary.nodesMissed)}
          </Descriptions.Item>
          <Descriptions.Item label={tr('下月计划节点', 'Planned next month')}>
            {nodes(s.summary.nodesNext)}
          </Descriptions.Item>
          <Descriptions.Item label={tr('形象进度', 'Progress')}>
            {s.progress ?? '—'}%（{tr('计划', 'plan')} {s.plannedProgress ?? '—'}%）
          </Descriptions.Item>
          <Descriptions.Item label={tr('本月完成投资', 'Invested this month')}>
            {wan(s.summary.monthInvestment)} {tr('万元', '×10k ¥')}
          </Descriptions.Item>
          <Descriptions.Item label={tr('年度累计 / 计划', 'Year to date / plan')}>
            {wan(s.summary.yearInvestment)} / {wan(s.summary.annualPlan)}（{s.summary.annualRate ?? '—'}%）
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{tr('未办结事项', 'Open items')}</Typography.Title>
        <List
          size="small"
          dataSource={s.open}
          locale={{ emptyText: tr('无', 'None') }}
          renderItem={(o) => (
            <List.Item>
              {t(o.label)}：{o.items.map(t).join('；')}
            </List.Item>
          )}
        />
      </Card>
      <Card>
        {r.confirmedBy && (
          <Typography.Paragraph>
            {tr(
              `${r.confirmedBy} 于 ${r.confirmedAt?.slice(0, 10)} 确认`,
              `Confirmed by ${r.confirmedBy} on ${r.confirmedAt?.slice(0, 10)}`,
            )}
          </Typography.Paragraph>
        )}
        {confirm.error && (
          <Alert
            type="error"
            showIcon
            title={confirm.error instanceof ApiError ? confirm.error.message : String(confirm.error)}
            style={{ marginBottom: 8 }}
          />
        )}
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={tr('专员备注（可选）', 'Remarks (optional)')}
          value={remarks ?? r.remarks ?? ''}
          onChange={(e) => setRemarks(e.target.value)}
          disabled={!r.canConfirm}
          data-testid="dispatch-remarks"
        />
        {r.canConfirm && r.required && (
          <Button
            type="primary"
            size="large"
            block
            style={{ marginTop: 12, height: 48 }}
            className="xf-phone-action-fixed"
            loading={confirm.isPending}
            onClick={() => confirm.mutate()}
            data-testid="dispatch-confirm"
          >
            {r.state === 'confirmed' ? tr('更新确认', 'Confirm again') : tr('确认调度报告', 'Confirm the report')}
          </Button>
        )}
        {r.canConfirm && r.required && <div className="xf-phone-spacer" />}
      </Card>
    </Space>
  );
}
