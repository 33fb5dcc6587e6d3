import { Alert, Form, Input, Modal } from 'antd';
import { useI18n } from '../../app/i18n.js';

const REASON_MIN = 5;

/**
 * 提前办理: the server answered that 列为发展对象 or 转正 is earlier than the statutory date (its
 * message names both dates). Recording it anyway needs an explicit confirmation with a reason, which
 * the timeline and the audit log keep.
 */
export function EarlyStepModal({
  warning,
  loading,
  onConfirm,
  onCancel,
}: {
  warning: string | null;
  loading: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { tr } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={warning !== null}
      title={tr('早于规定时间，确认提前办理？', 'Earlier than the statutory date: record it anyway?')}
      okText={tr('确认提前办理', 'Confirm')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={loading}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={warning} style={{ marginBottom: 16 }} data-testid="early-warning" />
      <Form form={form} layout="vertical" onFinish={(v) => onConfirm(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={tr('提前办理的理由', 'Reason')}
          rules={[
            { required: true, message: tr('请填写理由', 'Give a reason') },
            {
              validator: (_r, v: string | undefined) =>
                !v || v.trim().length >= REASON_MIN
                  ? Promise.resolve()
                  : Promise.reject(new Error(tr(`至少${REASON_MIN}个字`, `At least ${REASON_MIN} characters`))),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} data-testid="early-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
