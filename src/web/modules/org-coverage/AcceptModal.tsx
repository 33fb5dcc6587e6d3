import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { acceptProposal, type ProposalRow } from './api.js';

/** 采纳: the name and the units (any may be removed), then the joint branch is created. */
export function AcceptModal({ proposal, onClose }: { proposal: ProposalRow | null; onClose: () => void }) {
  const { tr } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; keep: string[] }>();
  const accept = useMutation({
    mutationFn: (v: { name: string; keep: string[] }) =>
      acceptProposal(proposal!.id, {
        name: v.name,
        removeKeys: proposal!.units.map((u) => u.key).filter((k) => !v.keep.includes(k)),
      }),
    onSuccess: () => {
      void message.success(tr('已建立联合党支部', 'Joint branch created'));
      void qc.invalidateQueries({ queryKey: ['coverage'] });
      void qc.invalidateQueries({ queryKey: ['org-tree'] });
      onClose();
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Modal
      open={proposal !== null}
      title={tr('采纳建议，建立联合党支部', 'Accept: create the joint branch')}
      onCancel={onClose}
      destroyOnHidden
      okText={tr('确认建立', 'Create')}
      okButtonProps={{ loading: accept.isPending, 'data-testid': 'accept-confirm' } as never}
      onOk={() => void form.validateFields().then((v) => accept.mutate(v))}
    >
      {proposal && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: proposal.name, keep: proposal.units.map((u) => u.key) }}
        >
          <Form.Item name="name" label={tr('名称', 'Name')} rules={[{ required: true, min: 2 }]}>
            <Input data-testid="accept-name" />
          </Form.Item>
          <Form.Item name="keep" label={tr('覆盖单位（可移出）', 'Units (remove any)')}>
            <Select
              mode="multiple"
              options={proposal.units.map((u) => ({ value: u.key, label: `${u.name}（${u.members}）` }))}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            {tr(
              '系统将检查：同一乡镇、相距不超过 3 公里、至多 5 个单位、正式党员合计不少于 3 名。',
              'Checked: same township, within 3 km, at most 5 units, at least 3 formal members.',
            )}
          </Typography.Paragraph>
        </Form>
      )}
    </Modal>
  );
}
