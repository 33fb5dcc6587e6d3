import { App, Button, Descriptions, Drawer, Form, Input, List, Select, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { PROBLEM_CATEGORIES } from '../../../shared/problem-categories.js';
import { StatusTag } from '../problems/labels.js';
import type { MeetingView as Meeting } from '../../../shared/api/meetings.js';
import type { OrgOptions } from '../../../shared/api/orgs.js';

const KINDS = {
  note: ['决定事项', 'Decision'],
  create_problem: ['新建问题', 'Open a problem'],
  close_problem: ['办结问题', 'Close a problem'],
} as const;

/** A meeting and its decisions; a decision may open a new problem or close one with an answer. */
export function MeetingDetail({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as keyof typeof KINDS | undefined;
  const q = useQuery({
    queryKey: ['meeting', id],
    enabled: id !== undefined,
    queryFn: () => get<Meeting>(`/api/meetings/${id}`),
  });
  const decide = useMutation({
    mutationFn: (v: Record<string, unknown>) => post<Meeting>(`/api/meetings/${id}/decisions`, v),
    onSuccess: (m) => {
      qc.setQueryData(['meeting', id], m);
      void qc.invalidateQueries({ queryKey: ['meetings'] });
      form.resetFields();
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const firms = useQuery({
    queryKey: ['firm-options'],
    enabled: kind === 'create_problem',
    queryFn: () => get<OrgOptions>('/api/orgs/options', { kind: 'firm', limit: 500 }),
  });
  const m = q.data;
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={m ? `${m.heldOn} ${m.title}` : ''}
      loading={q.isLoading}
    >
      {m && (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={tr('地点', 'Place')}>{m.place ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={tr('主持人', 'Chair')}>{m.host ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={tr('参会单位', 'Attendees')}>
              {m.attendees.map((a) => `${a.unitName}${a.people ? `（${a.people}）` : ''}`).join('；')}
            </Descriptions.Item>
            <Descriptions.Item label={tr('纪要', 'Minutes')}>{m.summary ?? '—'}</Descriptions.Item>
          </Descriptions>
          <List
            header={tr('研究的问题', 'Problems discussed')}
            size="small"
            dataSource={m.problems}
            renderItem={(p) => (
              <List.Item>
                <Link to={`/problems/${p.id}`}>{`${p.code} ${p.title}`}</Link> <StatusTag status={p.status} />
              </List.Item>
            )}
          />
          <List
            header={tr('会议决定', 'Decisions')}
            size="small"
            dataSource={m.decisions}
            renderItem={(d) => (
              <List.Item>
                <Tag>{tr(KINDS[d.kind as keyof typeof KINDS][0], KINDS[d.kind as keyof typeof KINDS][1])}</Tag> {d.text}{' '}
                {d.problemId && <Link to={`/problems/${d.problemId}`}>{tr('查看问题', 'Open problem')}</Link>}
              </List.Item>
            )}
          />
          {can('meetings.write') && (
            <Form
              form={form}
              layout="vertical"
              initialValues={{ kind: 'note' }}
              onFinish={(v) => decide.mutate(v as Record<string, unknown>)}
            >
              <Form.Item name="kind" label={tr('决定类型', 'Kind')}>
                <Select options={Object.entries(KINDS).map(([value, [zh, en]]) => ({ value, label: tr(zh, en) }))} />
              </Form.Item>
              <Form.Item name="text" label={tr('决定内容', 'Decision')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              {kind === 'create_problem' && (
                <>
                  <Form.Item name="category" label={tr('问题类别', 'Category')} rules={[{ required: true }]}>
                    <Select
                      options={PROBLEM_CATEGORIES.map((c) => ({ value: c.code, label: lang === 'zh' ? c.zh : c.en }))}
                    />
                  </Form.Item>
                  <Form.Item name="description" label={tr('问题描述', 'Description')} rules={[{ required: true }]}>
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                  <Form.Item name="firmUnitId" label={tr('企业', 'Firm')} rules={[{ required: true }]}>
                    <Select
                      showSearch={{ filterOption: (i, o) => String(o?.label ?? '').includes(i) }}
                      options={(firms.data?.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
                    />
                  </Form.Item>
                </>
              )}
              {kind === 'close_problem' && (
                <>
                  <Form.Item name="problemId" label={tr('办结的问题', 'Problem to close')} rules={[{ required: true }]}>
                    <Select
                      options={m.problems
                        .filter((p) => p.status !== 'rated' && p.status !== 'closed')
                        .map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))}
                    />
                  </Form.Item>
                  <Form.Item name="answer" label={tr('记录的答复', 'Recorded answer')} rules={[{ required: true }]}>
                    <Input.TextArea rows={2} maxLength={4000} />
                  </Form.Item>
                </>
              )}
              <Button type="primary" htmlType="submit" loading={decide.isPending}>
                {tr('记录决定', 'Record decision')}
              </Button>
            </Form>
          )}
        </>
      )}
    </Drawer>
  );
}
