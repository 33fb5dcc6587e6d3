import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import type { DepartmentList, ProblemDetail } from './api.js';

type Ask = { kind: 'return' | 'extend' | 'close' } | null;

/** The next steps the actor may take on this problem (the server says which, in `abilities`). */
export function ProblemActions({ p }: { p: ProblemDetail }) {
  const { tr } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [ask, setAsk] = useState<Ask>(null);
  const [form] = Form.useForm();
  const [dispatchForm] = Form.useForm();
  const a = p.abilities;
  const depts = useQuery({
    queryKey: ['problem-depts', p.category],
    enabled: a.dispatch,
    queryFn: () => get<DepartmentList>('/api/problems/departments', { category: p.category }),
  });
  const suggested = depts.data?.suggestedDeptId ?? null;
  const lead = Form.useWatch('leadDeptId', dispatchForm) as number | undefined;
  // 按路由表建议: preselect the routed department once the list arrives; the user may change it.
  useEffect(() => {
    if (suggested !== null && dispatchForm.getFieldValue('leadDeptId') === undefined)
      dispatchForm.setFieldsValue({ leadDeptId: suggested });
  }, [suggested, dispatchForm]);
  const act = useMutation({
    mutationFn: ({ step, body }: { step: string; body: Record<string, unknown> }) =>
      post<ProblemDetail>(`/api/problems/${p.id}/${step}`, { ...body, version: p.version }),
    onSuccess: (next) => {
      qc.setQueryData(['problem', p.id], next);
      void qc.invalidateQueries({ queryKey: ['problems'] });
      setAsk(null);
      form.resetFields();
      void message.success(tr('已提交', 'Done'));
    },
    onError: (e) => {
      void message.error(e instanceof ApiError ? e.message : String(e));
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: ['problem', p.id] });
    },
  });
  const run = (step: string, body: Record<string, unknown> = {}) => act.mutate({ step, body });
  const deptOptions = (depts.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const nothing =
    !a.accept &&
    !a.dispatch &&
    a.sign === null &&
    a.return === null &&
    a.requestExtension === null &&
    a.decideExtension.length === 0 &&
    a.answer === null &&
    !a.feedback &&
    !a.rate &&
    !a.close;
  if (nothing) return null;
  return (
    <Card
      title={tr('下一步', 'Next step')}
      size="small"
      data-testid="problem-actions"
      style={{ borderColor: '#c8161d' }}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {a.accept && (
          <Button type="primary" onClick={() => run('accept')} loading={act.isPending} data-testid="action-accept">
            {tr('受理（我来负责）', 'Accept (I own it)')}
          </Button>
        )}
        {a.dispatch && (
          <Form
            form={dispatchForm}
            layout="vertical"
            onFinish={(v: { leadDeptId: number; coDeptIds?: number[]; designated?: boolean; note?: string }) =>
              run('dispatch', v)
            }
          >
            <Form.Item
              name="leadDeptId"
              label={tr('主办单位', 'Lead department')}
              rules={[{ required: true, message: tr('请选择主办单位', 'Choose the lead department') }]}
              extra={
                suggested !== null && lead === suggested ? (
                  <span data-testid="dispatch-suggested">{tr('按路由表建议', 'Suggested by the routing table')}</span>
                ) : undefined
              }
            >
              <Select
                options={deptOptions}
                data-testid="dispatch-lead"
                showSearch={{ filterOption: (i, o) => String(o?.label ?? '').includes(i) }}
              />
            </Form.Item>
            <Form.Item name="coDeptIds" label={tr('协办单位', 'Co-handling departments')}>
              <Select mode="multiple" options={deptOptions} />
            </Form.Item>
            <Form.Item
              name="designated"
              valuePropName="checked"
              extra={tr('指定办理的部门不能退单', 'A designated department cannot return it')}
            >
              <Checkbox>{tr('指定办理', 'Designate')}</Checkbox>
            </Form.Item>
            <Form.Item name="note" label={tr('派单说明', 'Note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="dispatch-submit">
              {tr('派单', 'Dispatch')}
            </Button>
          </Form>
        )}
        <Space wrap>
          {a.sign !== null && (
            <Button
              type="primary"
              onClick={() => run('sign', { assignmentNo: a.sign })}
              loading={act.isPending}
              data-testid="action-sign"
            >
              {tr('签收', 'Sign')}
            </Button>
          )}
          {a.return !== null && (
            <Button danger onClick={() => setAsk({ kind: 'return' })} data-testid="action-return">
              {tr('退单', 'Return')}
            </Button>
          )}
          {a.requestExtension !== null && (
            <Button onClick={() => setAsk({ kind: 'extend' })} data-testid="action-extend">
              {tr('申请延期', 'Ask for more time')}
            </Button>
          )}
          {a.close && (
            <Button onClick={() => setAsk({ kind: 'close' })} data-testid="action-close">
              {tr('直接办结关闭', 'Close with an answer')}
            </Button>
          )}
        </Space>
        {a.decideExtension.map((no) => {
          const x = p.extensions.find((e) => e.requestNo === no);
          return (
            <Space key={no} wrap>
              <span>
                {tr(
                  `${x?.dept} 申请延期 ${x?.days} 个工作日：${x?.reason}`,
                  `${x?.dept} asks for ${x?.days} more working days: ${x?.reason}`,
                )}
              </span>
              <Button
                size="small"
                type="primary"
                onClick={() => run('extend', { op: 'approve', requestNo: no })}
                data-testid="extension-approve"
              >
                {tr('同意', 'Approve')}
              </Button>
              <Button
                size="small"
                onClick={() => run('extend', { op: 'refuse', requestNo: no })}
                data-testid="extension-refuse"
              >
                {tr('退回', 'Refuse')}
              </Button>
            </Space>
          );
        })}
        {a.answer !== null && (
          <Form layout="vertical" onFinish={(v: { text: string }) => run('answer', { ...v, assignmentNo: a.answer })}>
            <Form.Item
              name="text"
              label={tr('答复内容（办理结果）', 'Answer')}
              rules={[{ required: true, message: tr('请填写答复内容', 'Write the answer') }]}
            >
              <Input.TextArea rows={4} maxLength={4000} data-testid="answer-text" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="answer-submit">
              {tr('提交答复', 'Submit answer')}
            </Button>
          </Form>
        )}
        {a.feedback && (
          <Form
            layout="vertical"
            initialValues={{ text: p.answer ?? '' }}
            onFinish={(v: { text: string }) => run('feedback', v)}
          >
            <Form.Item
              name="text"
              label={tr('反馈给提出人的内容', 'Feedback to the raiser')}
              rules={[{ required: true, message: tr('请填写反馈内容', 'Write the feedback') }]}
            >
              <Input.TextArea rows={3} maxLength={4000} data-testid="feedback-text" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="feedback-submit">
              {tr('反馈企业', 'Send feedback')}
            </Button>
          </Form>
        )}
        {a.rate && (
          <Form layout="vertical" form={form}>
            <Form.Item name="comment" label={tr('评价说明（不满意时必填）', 'Comment (required if unsatisfied)')}>
              <Input.TextArea rows={2} maxLength={500} data-testid="rate-comment" />
            </Form.Item>
            <Space wrap>
              {(
                [
                  ['satisfied', '满意', 'Satisfied'],
                  ['basically_satisfied', '基本满意', 'Basically satisfied'],
                  ['unsatisfied', '不满意', 'Unsatisfied'],
                ] as const
              ).map(([rating, zh, en]) => (
                <Button
                  key={rating}
                  size="large"
                  type={rating === 'satisfied' ? 'primary' : 'default'}
                  danger={rating === 'unsatisfied'}
                  data-testid={`rate-${rating}`}
                  onClick={() => {
                    const comment = (form.getFieldValue('comment') as string | undefined) ?? '';
                    if (rating !== 'unsatisfied') return run('rate', { rating, comment: comment || undefined });
                    modal.confirm({
                      title: tr('评价不满意将退回部门重办，确定？', 'Unsatisfied sends it back for rework. Continue?'),
                      onOk: () => run('rate', { rating, comment }),
                    });
                  }}
                >
                  {tr(zh, en)}
                </Button>
              ))}
            </Space>
          </Form>
        )}
      </Space>
      <Modal
        open={ask !== null}
        destroyOnHidden
        title={
          ask?.kind === 'return'
            ? tr('退单（每个部门对同一问题只能退一次）', 'Return (once per department)')
            : ask?.kind === 'extend'
              ? tr('申请延期', 'Ask for more time')
              : tr('办结关闭（需记录答复）', 'Close with a recorded answer')
        }
        onCancel={() => setAsk(null)}
        onOk={() => form.submit()}
        okButtonProps={{
          loading: act.isPending,
          ...({ 'data-testid': 'ask-submit' } as Record<`data-${string}`, string>),
        }}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v: { reason?: string; days?: number; answer?: string }) =>
            ask?.kind === 'return'
              ? run('return', { reason: v.reason, assignmentNo: a.return })
              : ask?.kind === 'extend'
                ? run('extend', { op: 'request', days: v.days, reason: v.reason, assignmentNo: a.requestExtension })
                : run('close', { answer: v.answer })
          }
        >
          {ask?.kind === 'extend' && (
            <Form.Item
              name="days"
              label={tr('延期工作日数', 'Working days')}
              rules={[{ required: true }]}
              initialValue={3}
            >
              <InputNumber min={1} max={30} />
            </Form.Item>
          )}
          {ask?.kind !== 'close' ? (
            <Form.Item
              name="reason"
              label={tr('理由', 'Reason')}
              rules={[{ required: true, message: tr('请填写理由', 'Give a reason') }]}
            >
              <Input.TextArea rows={3} maxLength={500} data-testid="ask-reason" />
            </Form.Item>
          ) : (
            <Form.Item
              name="answer"
              label={tr('答复内容', 'Answer')}
              rules={[{ required: true, message: tr('请填写答复内容', 'Write the answer') }]}
            >
              <Input.TextArea rows={3} maxLength={4000} data-testid="ask-answer" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
