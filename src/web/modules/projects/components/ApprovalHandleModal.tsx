import { useEffect, useState } from 'react';
import { Alert, Checkbox, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, patch } from '../../../app/api.js';
import { serverTodayDayjs } from '../../../app/server-clock.js';
import { useI18n } from '../../../app/i18n.js';
import type { ApprovalItem } from '../approvals-api.js';

interface Values {
  submittedOn?: Dayjs | null;
  completedOn?: Dayjs | null;
  provided?: string[];
}

/** A department records an item: the day it was submitted, the day it was completed, the documents received. */
export function ApprovalHandleModal({ item, onClose }: { item: ApprovalItem | null; onClose: () => void }) {
  const { tr } = useI18n();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!item) return;
    setError(null);
    form.setFieldsValue({
      submittedOn: item.submittedOn ? dayjs(item.submittedOn) : null,
      completedOn: item.completedOn ? dayjs(item.completedOn) : null,
      provided: item.documents.filter((d) => d.provided).map((d) => d.name),
    });
  }, [item, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      patch(`/api/projects/${item?.projectId}/approvals/${item?.id}`, {
        submittedOn: v.submittedOn ? v.submittedOn.format('YYYY-MM-DD') : null,
        completedOn: v.completedOn ? v.completedOn.format('YYYY-MM-DD') : null,
        documents: (item?.documents ?? []).map((d) => ({
          name: d.name,
          provided: (v.provided ?? []).includes(d.name),
        })),
        version: item?.version,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['approvals'] });
      onClose();
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Modal
      open={Boolean(item)}
      title={item?.name}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={tr('保存', 'Save')}
      destroyOnHidden
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="submittedOn" label={tr('申报日期', 'Submitted on')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(serverTodayDayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="completedOn"
          label={tr('办结日期', 'Completed on')}
          extra={
            item
              ? tr(
                  `承诺时限 ${item.targetDays} 个工作日（申报当日不计）`,
                  `Target ${item.targetDays} working days (the day of submission not counted)`,
                )
              : null
          }
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(serverTodayDayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="provided" label={tr('已收材料', 'Documents received')}>
          <Checkbox.Group
            options={(item?.documents ?? []).map((d) => ({ value: d.name, label: d.name }))}
            style={{ display: 'flex', flexDirection: 'column' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
