import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Tag } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { ApiError, get, put } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import type { CriterionView as Criterion, EventView } from '../../../shared/api/observation.js';

/** One observation event: its scoring sheet, a form to enter a scorer's sheet, and totals per project (average of scorers). */
export default function ObservationDetailPage() {
  const { id } = useParams();
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['observation', id, lang], queryFn: () => get<EventView>(`/api/observations/${id}`) });
  const score = useMutation({
    mutationFn: (v: { projectId: number; scorerName: string; comment?: string } & Record<string, unknown>) =>
      put(`/api/observations/${id}/scores`, {
        projectId: v.projectId,
        scorerName: v.scorerName,
        comment: v.comment ?? null,
        scores: Object.fromEntries((q.data?.criteria ?? []).map((c) => [c.key, Number(v[`s_${c.key}`])])),
      }),
    onSuccess: () => {
      setError(null);
      form.resetFields(['projectId']);
      void qc.invalidateQueries({ queryKey: ['observation', id] });
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });
  const e = q.data;
  const label = (c: Criterion) => (lang === 'zh' ? c.zh : (c.en ?? c.zh));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card title={e ? `${e.title}（${e.heldOn}）` : ''} loading={q.isLoading}>
        <Space wrap>
          {e?.criteria.map((c) => (
            <Tag key={c.key}>
              {label(c)} {c.max}
              {tr('分', ' pts')}
            </Tag>
          ))}
          <Tag color="red">{tr(`满分 ${e?.maxTotal ?? 0}`, `Max ${e?.maxTotal ?? 0}`)}</Tag>
        </Space>
        <Table
          style={{ marginTop: 12 }}
          rowKey="id"
          size="small"
          scroll={{ x: 820 }}
          pagination={false}
          dataSource={[...(e?.projects ?? [])].sort((a, b) => (a.total?.rank ?? 999) - (b.total?.rank ?? 999))}
          columns={[
            { title: tr('名次', 'Rank'), width: 60, render: (_, p) => p.total?.rank ?? '—' },
            { title: tr('项目', 'Project'), render: (_, p) => `${p.name}（${p.township ?? ''}）` },
            ...(e?.criteria ?? []).map((c) => ({
              title: label(c),
              width: 90,
              render: (_: unknown, p: EventView['projects'][number]) => p.total?.perCriterion[c.key] ?? '—',
            })),
            {
              title: tr('总分（评委平均）', 'Total (average)'),
              width: 120,
              render: (_, p) => (p.total ? <b>{p.total.total}</b> : tr('未评分', 'Not scored')),
            },
            { title: tr('评委数', 'Scorers'), width: 70, render: (_, p) => p.total?.scorers ?? 0 },
          ]}
        />
      </Card>
      {can('observation.write') && e && (
        <Card title={tr('录入评分表', 'Enter a scoring sheet')}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => score.mutate(v as { projectId: number; scorerName: string })}
          >
            <Space wrap>
              <Form.Item name="projectId" label={tr('项目', 'Project')} rules={[{ required: true }]}>
                <Select style={{ width: 260 }} options={e.projects.map((p) => ({ value: p.id, label: p.name }))} />
              </Form.Item>
              <Form.Item name="scorerName" label={tr('评分人', 'Scorer')} rules={[{ required: true }]}>
                <Input style={{ width: 140 }} />
              </Form.Item>
              {e.criteria.map((c) => (
                <Form.Item
                  key={c.key}
                  name={`s_${c.key}`}
                  label={`${label(c)}（≤${c.max}）`}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0} max={c.max} step={0.5} />
                </Form.Item>
              ))}
            </Space>
            <Form.Item name="comment" label={tr('评语', 'Comment')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={score.isPending}>
              {tr('保存评分', 'Save')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
