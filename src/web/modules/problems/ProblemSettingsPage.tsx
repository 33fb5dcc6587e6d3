import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Tag } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, put } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import { deliveryErrorLabel } from './delivery-error.js';
import type { CategorySla, DepartmentList, DeptSettings } from './api.js';
import { CategoryRoutesCard } from './CategoryRoutesCard.js';

/** 办理时限与部门设置: category limits in working days; each department's head, leader and group robot. */
export default function ProblemSettingsPage() {
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
  const cats = useQuery({
    queryKey: ['problem-categories'],
    queryFn: () => get<{ data: CategorySla[] }>('/api/problems/categories'),
  });
  const [edits, setEdits] = useState<Record<string, Partial<CategorySla>>>({});
  const saveCat = useMutation({
    mutationFn: (c: CategorySla) =>
      put(`/api/problems/categories/${c.code}`, {
        signDays: c.signDays,
        answerDays: c.answerDays,
        feedbackAfterAnswerDays: c.feedbackAfterAnswerDays,
      }),
    onSuccess: () => (
      void qc.invalidateQueries({ queryKey: ['problem-categories'] }),
      void message.success(tr('已保存，之后的派单按新时限计算', 'Saved; later dispatches use it'))
    ),
    onError: fail,
  });
  const depts = useQuery({
    queryKey: ['problem-depts'],
    queryFn: () => get<DepartmentList>('/api/problems/departments'),
  });
  const [deptId, setDeptId] = useState<number | undefined>();
  const settings = useQuery({
    queryKey: ['problem-dept-settings', deptId],
    enabled: deptId !== undefined,
    queryFn: () => get<DeptSettings>(`/api/problems/departments/${deptId}/settings`),
  });
  const [form] = Form.useForm();
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ ...settings.data, webhookUrl: undefined, webhookSecret: undefined });
  }, [settings.data, form]);
  const saveDept = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      put<DeptSettings>(`/api/problems/departments/${deptId}/settings`, {
        ...v,
        webhookUrl: v.webhookUrl || undefined,
        webhookSecret: v.webhookSecret || undefined,
      }),
    onSuccess: (s) => (
      qc.setQueryData(['problem-dept-settings', deptId], s),
      void message.success(tr('已保存', 'Saved'))
    ),
    onError: fail,
  });
  const num = (c: CategorySla, k: 'signDays' | 'answerDays' | 'feedbackAfterAnswerDays', min: number) => (
    <InputNumber
      min={min}
      max={60}
      value={edits[c.code]?.[k] ?? c[k]}
      onChange={(v) => setEdits((e) => ({ ...e, [c.code]: { ...e[c.code], [k]: v ?? c[k] } }))}
    />
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card title={tr('问题类别办理时限（工作日，自派单起算）', 'Limits by category (working days from dispatch)')}>
        <Table<CategorySla>
          rowKey="code"
          size="small"
          pagination={false}
          loading={cats.isLoading}
          dataSource={cats.data?.data ?? []}
          columns={[
            {
              title: tr('类别', 'Category'),
              render: (_, c) => (
                <Space>
                  {lang === 'zh' ? c.zh : c.en}
                  {c.customised && <Tag color="blue">{tr('已调整', 'custom')}</Tag>}
                </Space>
              ),
            },
            { title: tr('签收', 'Sign'), render: (_, c) => num(c, 'signDays', 1) },
            { title: tr('答复', 'Answer'), render: (_, c) => num(c, 'answerDays', 1) },
            {
              title: tr('反馈（答复时限后）', 'Feedback (after answer)'),
              render: (_, c) => num(c, 'feedbackAfterAnswerDays', 0),
            },
            {
              title: '',
              render: (_, c) => (
                <Button
                  size="small"
                  disabled={!edits[c.code]}
                  onClick={() => saveCat.mutate({ ...c, ...edits[c.code] })}
                >
                  {tr('保存', 'Save')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <CategoryRoutesCard />
      <Card title={tr('部门负责人、分管领导与群机器人', 'Department head, leader and group robot')}>
        <Select
          style={{ width: 240, marginBottom: 16 }}
          placeholder={tr('选择部门', 'Choose a department')}
          value={deptId}
          onChange={setDeptId}
          options={(depts.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        {settings.data && (
          <>
            <Form
              form={form}
              layout="vertical"
              onFinish={(v: Record<string, unknown>) => saveDept.mutate(v)}
              style={{ maxWidth: 560 }}
            >
              <Form.Item
                name="headUserId"
                label={tr('部门负责人（接收催办）', 'Head (gets the reminders)')}
                extra={tr('不设置时催办发给本部门全部经办人', 'Unset: all handlers get it')}
              >
                <Select
                  allowClear
                  options={settings.data.candidates.map((c) => ({
                    value: c.id,
                    label: `${c.name}${c.title ? `（${c.title}）` : ''}`,
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="leaderUserId"
                label={tr('分管领导（接收通报）', 'Leader in charge (gets the notices)')}
                extra={tr(
                  '不设置时通报给项目包联领导或组织部',
                  'Unset: the project’s leader or the Organisation Department',
                )}
              >
                <Select
                  allowClear
                  options={settings.data.candidates.map((c) => ({
                    value: c.id,
                    label: `${c.name}${c.title ? `（${c.title}）` : ''}`,
                  }))}
                />
              </Form.Item>
              <Form.Item name="webhookKind" label={tr('群机器人', 'Group robot')}>
                <Select
                  allowClear
                  options={[
                    { value: 'wecom', label: tr('企业微信', 'WeCom') },
                    { value: 'dingtalk', label: tr('钉钉', 'DingTalk') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="webhookUrl"
                label={tr('Webhook 地址', 'Webhook URL')}
                extra={
                  settings.data.webhookUrl
                    ? tr(
                        `当前：${settings.data.webhookUrl}（留空不修改）`,
                        `Current: ${settings.data.webhookUrl} (leave empty to keep)`,
                      )
                    : undefined
                }
              >
                <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
              </Form.Item>
              <Form.Item
                name="webhookSecret"
                label={tr('钉钉加签密钥（可选）', 'DingTalk signing secret (optional)')}
                extra={settings.data.hasSecret ? tr('已设置（留空不修改）', 'Set (leave empty to keep)') : undefined}
              >
                <Input.Password />
              </Form.Item>
              <Form.Item name="webhookEnabled" label={tr('启用推送', 'Enabled')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saveDept.isPending}>
                {tr('保存', 'Save')}
              </Button>
            </Form>
            <Table
              style={{ marginTop: 16 }}
              size="small"
              rowKey="id"
              title={() =>
                tr('推送记录（失败后 1、5、15、60 分钟重试）', 'Delivery log (retried after 1, 5, 15, 60 minutes)')
              }
              dataSource={settings.data.deliveries}
              pagination={false}
              columns={[
                { title: tr('时间', 'Time'), dataIndex: 'createdAt', render: (d: string) => formatDateTimeChina(d) },
                { title: tr('事件', 'Event'), dataIndex: 'event' },
                {
                  title: tr('状态', 'Status'),
                  dataIndex: 'status',
                  render: (s: string) => (
                    <Tag color={s === 'delivered' ? 'green' : s === 'failed' ? 'red' : 'gold'}>
                      {s === 'delivered'
                        ? tr('已送达', 'Delivered')
                        : s === 'failed'
                          ? tr('失败', 'Failed')
                          : tr('待重试', 'Pending')}
                    </Tag>
                  ),
                },
                { title: tr('次数', 'Attempts'), dataIndex: 'attempts' },
                { title: tr('状态码', 'HTTP status'), dataIndex: 'lastStatus' },
                {
                  title: tr('最后错误', 'Last error'),
                  dataIndex: 'lastError',
                  render: (e: string | null) => deliveryErrorLabel(e, tr),
                },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
