import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Drawer, Form, Input, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, patch } from '../../../app/api.js';
import { serverTodayDayjs } from '../../../app/server-clock.js';
import { useAuth } from '../../../app/auth.js';
import { useI18n } from '../../../app/i18n.js';
import type { ProjectDetail, ProjectNode } from '../api.js';

interface Values {
  plannedDate?: Dayjs | null;
  expectedDate?: Dayjs | null;
  actualDate?: Dayjs | null;
  responsibleName?: string;
  evidence?: string;
  reason?: string;
}

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/**
 * Update a time node: the forecast (预计完成) or the date it was reached, who is responsible, the
 * evidence. The approved plan is moved only by the organisation department, with a reason.
 */
export function NodeEditDrawer({
  project,
  node,
  onClose,
}: {
  project: ProjectDetail;
  node: ProjectNode | null;
  onClose: () => void;
}) {
  const { tr } = useI18n();
  const { can } = useAuth();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const canPlan = can('projects.write') || !node?.plannedDate;

  useEffect(() => {
    if (!node) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      plannedDate: node.plannedDate ? dayjs(node.plannedDate) : null,
      expectedDate: node.expectedDate ? dayjs(node.expectedDate) : null,
      actualDate: node.actualDate ? dayjs(node.actualDate) : null,
      responsibleName: node.responsibleName ?? undefined,
      evidence: node.evidence ?? undefined,
    });
  }, [node, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      if (!node) throw new Error('no node');
      const body: Record<string, unknown> = { version: node.version };
      const planned = iso(v.plannedDate);
      if (canPlan && planned !== node.plannedDate) body.plannedDate = planned;
      if (iso(v.expectedDate) !== node.expectedDate) body.expectedDate = iso(v.expectedDate);
      if (iso(v.actualDate) !== node.actualDate) body.actualDate = iso(v.actualDate);
      if ((v.responsibleName ?? null) !== node.responsibleName) body.responsibleName = v.responsibleName || null;
      if ((v.evidence ?? null) !== node.evidence) body.evidence = v.evidence || null;
      if (v.reason) body.reason = v.reason;
      return patch<ProjectDetail>(`/api/projects/${project.id}/nodes/${node.id}`, body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['project', project.id] });
      void qc.invalidateQueries({ queryKey: ['projects'] });
      void qc.invalidateQueries({ queryKey: ['board'] });
      onClose();
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });

  return (
    <Drawer
      open={Boolean(node)}
      onClose={onClose}
      title={tr(`更新节点「${node?.name ?? ''}」`, `Update “${node?.name ?? ''}”`)}
      size={Math.min(420, window.innerWidth)}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{tr('取消', 'Cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="node-save">
            {tr('保存', 'Save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} showIcon data-testid="node-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="plannedDate"
          label={tr('计划日期（已批准）', 'Planned date (approved)')}
          extra={
            canPlan
              ? null
              : tr(
                  '计划日期只能由组织部调整；进度滞后请填写预计完成日期',
                  'Only the organisation department moves the plan; enter an expected date instead',
                )
          }
        >
          <DatePicker style={{ width: '100%' }} disabled={!canPlan} data-testid="node-planned" />
        </Form.Item>
        <Form.Item
          name="expectedDate"
          label={tr('预计完成日期', 'Expected date')}
          extra={tr('晚于计划即计入预警（按工作日）', 'Later than plan counts as a delay (working days)')}
        >
          <DatePicker style={{ width: '100%' }} data-testid="node-expected" />
        </Form.Item>
        <Form.Item name="actualDate" label={tr('实际完成日期', 'Date reached')}>
          <DatePicker
            style={{ width: '100%' }}
            disabled={false}
            disabledDate={(d) => d.isAfter(serverTodayDayjs(), 'day')}
            data-testid="node-actual"
          />
        </Form.Item>
        <Form.Item name="reason" label={tr('说明（调整计划时必填）', 'Reason (required to move the plan)')}>
          <Input.TextArea rows={2} maxLength={200} data-testid="node-reason" />
        </Form.Item>
        <Form.Item name="responsibleName" label={tr('责任人', 'Responsible')}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="evidence" label={tr('佐证材料', 'Evidence')}>
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={tr('如：验收单编号、现场照片说明', 'e.g. acceptance slip number, site photo notes')}
          />
        </Form.Item>
        <Typography.Text type="secondary">
          {tr(
            '保存后立即按工作日重算红黄蓝预警，并通知包联领导。',
            'Saving recomputes the warning at once and notifies the leader.',
          )}
        </Typography.Text>
      </Form>
    </Drawer>
  );
}
