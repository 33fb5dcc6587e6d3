import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
  message,
} from 'antd';
import { Table } from '../../components/DataTable.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { ApiError, get, post } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { DUE_COLOURS, type PersonDetail } from './api.js';
import { TransferTable } from './TransferTable.js';
import { SensitiveValue } from './SensitiveValue.js';
import { EarlyStepModal } from './EarlyStepModal.js';

const STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
const STEP_OPTIONS: Array<{ value: string; zh: string; en: string }> = [
  { value: 'apply', zh: '递交入党申请书', en: 'Application' },
  { value: 'talk', zh: '谈话', en: 'Talk' },
  { value: 'activist', zh: '确定为入党积极分子', en: 'Activist' },
  { value: 'candidate', zh: '列为发展对象', en: 'Candidate' },
  { value: 'admit', zh: '接收为预备党员', en: 'Admission' },
  { value: 'extend', zh: '延长预备期', en: 'Extend probation' },
  { value: 'full', zh: '转为正式党员', en: 'Full membership' },
];
const names = (s: string | undefined) =>
  (s ?? '')
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .map((name) => ({ name }));
const iso = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

/** 人员详情: masked identity, the pipeline with due dates explained in words, timeline, dual management, transfers. */
export default function PersonDetailPage() {
  const { id } = useParams();
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [modal, setModal] = useState<null | 'step' | 'flow' | 'transfer'>(null);
  const [form] = Form.useForm();
  const screens = Grid.useBreakpoint();
  const [early, setEarly] = useState<null | { text: string; values: Record<string, unknown> }>(null);
  const q = useQuery({ queryKey: ['person', id, lang], queryFn: () => get<PersonDetail>(`/api/people/${id}`) });
  const save = useMutation({
    mutationFn: async (values: Record<string, unknown>) => {
      if (modal === 'step')
        return post(`/api/people/${id}/pipeline`, {
          step: values.step,
          on: iso(values.on as Dayjs),
          introducers: values.introducers ? names(values.introducers as string) : undefined,
          contacts: values.contacts ? names(values.contacts as string) : undefined,
          extensionMonths: values.extensionMonths,
          reason: values.reason,
          confirmEarly: Boolean(values.confirmEarly),
        });
      if (modal === 'flow')
        return post(`/api/people/${id}/flow`, {
          flow: values.flow,
          flowSince: iso(values.flowSince as Dayjs),
          flowPlace: values.flowPlace,
          flowCertificate: Boolean(values.flowCertificate),
          version: q.data?.version,
        });
      return post('/api/people/transfers', {
        personId: Number(id),
        toOrgUnitId: values.toOrgUnitId,
        letterNo: values.letterNo,
        reason: values.reason,
      });
    },
    onSuccess: async () => {
      void message.success(tr('已保存', 'Saved'));
      setModal(null);
      setEarly(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['person', id] });
      await qc.invalidateQueries({ queryKey: ['transfers'] });
    },
    onError: (e: Error, values) => {
      // 列为发展对象 / 转正 earlier than the statutory date: ask for an explicit confirmation with a reason.
      if (e instanceof ApiError && (e.details as { warning?: string } | undefined)?.warning && !values.confirmEarly)
        return setEarly({ text: e.message, values });
      void message.error(e.message);
    },
  });
  const step = Form.useWatch('step', form) as string | undefined;
  const p = q.data;
  if (!p)
    return <Card loading={q.isLoading}>{q.error ? <Empty description={(q.error as Error).message} /> : null}</Card>;
  const dev = p.development;
  // On a phone the actions go above the details (a card header cannot wrap three buttons at 390 px).
  const actions = can('people.write') && (
    <Space wrap>
      <Button onClick={() => setModal('step')} data-testid="pipeline-step">
        {tr('登记发展步骤', 'Record a step')}
      </Button>
      <Button onClick={() => setModal('flow')}>{tr('流动登记', 'Flow')}</Button>
      {can('transfers.manage') && (
        <Button onClick={() => setModal('transfer')}>{tr('开具转接', 'Issue transfer')}</Button>
      )}
    </Space>
  );
  const current = dev?.stage ? STAGES.indexOf(dev.stage as (typeof STAGES)[number]) : -1;
  const stageDates = [dev?.appliedOn, dev?.activistOn, dev?.candidateOn, dev?.admittedOn, dev?.fullOn];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            {p.name}
            <Tag>{p.statusLabel}</Tag>
          </Space>
        }
        extra={screens.md ? actions : undefined}
      >
        {!screens.md && actions && <div style={{ marginBottom: 12 }}>{actions}</div>}
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={tr('身份证号', 'ID number')}>
            <SensitiveValue personId={p.id} field="idNumber" masked={p.idNumber} canReveal={p.canReveal} />
          </Descriptions.Item>
          <Descriptions.Item label={tr('手机号', 'Phone')}>
            <SensitiveValue personId={p.id} field="phone" masked={p.phone} canReveal={p.canReveal} />
          </Descriptions.Item>
          <Descriptions.Item label={tr('出生日期', 'Born')}>{p.birthDate}</Descriptions.Item>
          <Descriptions.Item label={tr('组织关系', 'Relation')}>{p.relationOrg?.name}</Descriptions.Item>
          <Descriptions.Item label={tr('工作单位', 'Employer')}>{p.employerName}</Descriptions.Item>
          <Descriptions.Item label={tr('岗位', 'Job')}>{p.job}</Descriptions.Item>
        </Descriptions>
        {p.flowWarning && (
          <Alert
            style={{ marginTop: 12 }}
            type={p.flowWarning.code === 'transfer_due' ? 'error' : 'warning'}
            showIcon
            message={p.flowWarning.text}
          />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={tr('发展党员', 'Development pipeline')} data-testid="pipeline-card">
            {dev ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Steps
                  size="small"
                  current={current}
                  items={STAGES.map((s, i) => ({
                    title: {
                      applicant: tr('申请人', 'Applicant'),
                      activist: tr('积极分子', 'Activist'),
                      candidate: tr('发展对象', 'Candidate'),
                      probationary: tr('预备党员', 'Probation'),
                      full: tr('正式党员', 'Full'),
                    }[s],
                    description: stageDates[i] ?? '',
                  }))}
                />
                {dev.next && (
                  <Alert
                    type={dev.next.status === 'overdue' ? 'error' : dev.next.status === 'due_soon' ? 'warning' : 'info'}
                    showIcon
                    message={
                      <Space>
                        <Tag color={DUE_COLOURS[dev.next.status]}>{dev.next.dueOn}</Tag>
                        {dev.next.text}
                      </Space>
                    }
                    data-testid="pipeline-next"
                  />
                )}
                {dev.warnings.map((w) => (
                  <Alert key={w.code} type="warning" message={w.text} />
                ))}
                <Descriptions size="small" column={2}>
                  <Descriptions.Item label={tr('谈话', 'Talk')}>{dev.talkedOn}</Descriptions.Item>
                  <Descriptions.Item label={tr('预备期满', 'Probation ends')}>
                    {dev.probationEndsOn}
                    {dev.extensionMonths
                      ? tr(`（延长${dev.extensionMonths}个月）`, ` (+${dev.extensionMonths} months)`)
                      : ''}
                  </Descriptions.Item>
                  <Descriptions.Item label={tr('入党介绍人', 'Introducers')}>
                    {dev.introducers.map((x) => x.name).join('、')}
                  </Descriptions.Item>
                  <Descriptions.Item label={tr('培养联系人', 'Contacts')}>
                    {dev.contacts.map((x) => x.name).join('、')}
                  </Descriptions.Item>
                </Descriptions>
              </Space>
            ) : (
              <Empty description={tr('尚未递交入党申请', 'No application yet')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={tr('时间线', 'Timeline')}>
            <Timeline
              items={[...p.timeline].reverse().map((e) => ({
                key: e.id,
                children: (
                  <span data-testid="timeline-item">
                    <Typography.Text type="secondary">{e.on}</Typography.Text> {e.text}
                  </span>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Card title={tr('双向管理', 'Dual management')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={p.participations}
          locale={{ emptyText: tr('未在其他党组织参加活动', 'No other org') }}
          columns={[
            { title: tr('党组织', 'Org'), dataIndex: ['org', 'name'] },
            { title: tr('角色', 'Role'), dataIndex: 'role' },
            { title: tr('起始', 'Since'), dataIndex: 'since' },
            { title: tr('结束', 'Until'), dataIndex: 'until' },
          ]}
        />
      </Card>
      <Card title={tr('组织关系转接', 'Transfers')}>
        <TransferTable data={p.transfers} />
      </Card>
      <Modal
        open={modal !== null}
        title={
          modal === 'step'
            ? tr('登记发展步骤', 'Record a step')
            : modal === 'flow'
              ? tr('流动登记', 'Flow')
              : tr('开具组织关系介绍信', 'Issue a transfer letter')
        }
        onCancel={() => setModal(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => save.mutate(v)}>
          {modal === 'step' && (
            <>
              <Form.Item name="step" label={tr('步骤', 'Step')} rules={[{ required: true }]}>
                <Select options={STEP_OPTIONS.map((s) => ({ value: s.value, label: tr(s.zh, s.en) }))} />
              </Form.Item>
              <Form.Item name="on" label={tr('日期', 'Date')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              {step === 'admit' && (
                <Form.Item
                  name="introducers"
                  label={tr('入党介绍人（2名，用顿号分隔）', 'Introducers (two)')}
                  rules={[{ required: true }]}
                >
                  <Input />
                </Form.Item>
              )}
              {step === 'activist' && (
                <Form.Item name="contacts" label={tr('培养联系人', 'Contacts')}>
                  <Input />
                </Form.Item>
              )}
              {step === 'extend' && (
                <Form.Item
                  name="extensionMonths"
                  label={tr('延长（6–12个月）', 'Months (6–12)')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={6} max={12} />
                </Form.Item>
              )}
              {step === 'extend' && (
                <Form.Item name="reason" label={tr('理由', 'Reason')} rules={[{ required: true }]}>
                  <Input.TextArea />
                </Form.Item>
              )}
            </>
          )}
          {modal === 'flow' && (
            <>
              <Form.Item name="flow" label={tr('流动情况', 'Flow')} initialValue={p.flow === 'none' ? 'out' : p.flow}>
                <Select
                  options={[
                    { value: 'out', label: tr('流出', 'Out') },
                    { value: 'in', label: tr('流入', 'In') },
                    { value: 'none', label: tr('结束流动', 'None') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="flowSince" label={tr('外出（流入）日期', 'Since')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="flowPlace" label={tr('去向（来源）地', 'Place')}>
                <Input />
              </Form.Item>
              <Form.Item name="flowCertificate" valuePropName="checked">
                <Checkbox>{tr('持有流动党员活动证', 'Holds an activity certificate')}</Checkbox>
              </Form.Item>
            </>
          )}
          {modal === 'transfer' && (
            <>
              <Form.Item name="toOrgUnitId" label={tr('转入党组织', 'To')} rules={[{ required: true }]}>
                <OrgPicker />
              </Form.Item>
              <Form.Item name="letterNo" label={tr('介绍信编号', 'Letter no.')}>
                <Input />
              </Form.Item>
              <Form.Item name="reason" label={tr('说明', 'Note')}>
                <Input />
              </Form.Item>
              <Typography.Text type="secondary">
                {tr(
                  '介绍信有效期90天；对方接收后组织关系才转移。',
                  'The letter is valid 90 days; the relation moves on receipt.',
                )}
              </Typography.Text>
            </>
          )}
        </Form>
      </Modal>
      <EarlyStepModal
        warning={early?.text ?? null}
        loading={save.isPending}
        onCancel={() => setEarly(null)}
        onConfirm={(reason) => early && save.mutate({ ...early.values, confirmEarly: true, reason })}
      />
    </Space>
  );
}
