import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import type { RevealResponse } from './api.js';

export type RevealField = RevealResponse['field'];
const REASON_MIN = 5;

/**
 * A masked ID number or phone with a 查看 button (only for holders of people.reveal): the modal asks
 * why, the server records who saw which field of whom and why, and the full value shows here until
 * the page is left. Nothing is cached or stored in the browser.
 */
export function SensitiveValue({
  personId,
  field,
  masked,
  canReveal,
}: {
  personId: number;
  field: RevealField;
  masked: string | null;
  canReveal: boolean;
}) {
  const { tr } = useI18n();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const label = field === 'idNumber' ? tr('身份证号', 'ID number') : tr('手机号', 'phone');
  const reveal = useMutation({
    mutationFn: (reason: string) => post<RevealResponse>(`/api/people/${personId}/reveal`, { field, reason }),
    onSuccess: (r) => {
      setValue(r.value);
      setOpen(false);
      form.resetFields();
    },
  });
  if (!masked) return null;
  return (
    <Space size={4} wrap>
      <span data-testid={field === 'idNumber' ? 'person-id-number' : 'person-phone'}>{value ?? masked}</span>
      {value ? (
        <Tag color="orange">{tr('已查看，记入审计', 'Revealed, audited')}</Tag>
      ) : (
        <>
          <Typography.Text type="secondary">{tr('（已打码）', '(masked)')}</Typography.Text>
          {canReveal && (
            <Button
              size="small"
              type="link"
              onClick={() => setOpen(true)}
              data-testid={`reveal-${field}`}
              style={{ padding: 0 }}
            >
              {tr('查看', 'Reveal')}
            </Button>
          )}
        </>
      )}
      <Modal
        open={open}
        title={tr(`查看完整${label}`, `Reveal the full ${label}`)}
        okText={tr('查看', 'Reveal')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={reveal.isPending}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            message={tr(
              '个人信息仅限工作需要查看。查看人、对象、字段和理由将记入审计日志。',
              'Personal data is shown only for work. Who revealed which field of whom, and why, is audited.',
            )}
          />
          {reveal.error && <Alert type="error" showIcon message={(reveal.error as Error).message} />}
          <Form form={form} layout="vertical" onFinish={(v) => reveal.mutate(v.reason.trim())}>
            <Form.Item
              name="reason"
              label={tr('查看理由', 'Reason')}
              rules={[
                { required: true, message: tr('请填写查看理由', 'Give a reason') },
                {
                  validator: (_r, v: string | undefined) =>
                    !v || v.trim().length >= REASON_MIN
                      ? Promise.resolve()
                      : Promise.reject(
                          new Error(tr(`至少${REASON_MIN}个字，写明用途`, `At least ${REASON_MIN} characters`)),
                        ),
                },
              ]}
            >
              <Input.TextArea
                rows={3}
                maxLength={200}
                placeholder={tr('例如：办理组织关系转接，核对身份证号', 'e.g. checking the ID for a transfer')}
                data-testid="reveal-reason"
              />
            </Form.Item>
          </Form>
        </Space>
      </Modal>
    </Space>
  );
}
