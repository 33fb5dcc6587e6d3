import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { transformOrg, type OrgNode, type TransformInto } from './api.js';

/** 转型 into a 商圈, 楼宇 or 社区 党支部; members keep their relation. */
export function TransformDialog({ org, onClose }: { org: OrgNode; onClose: () => void }) {
  const { tr } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ into: TransformInto; name: string }>();
  const go = useMutation({
    mutationFn: (v: { into: TransformInto; name: string }) => transformOrg(org.id, v),
    onSuccess: () => {
      void message.success(tr('已转型，党员组织关系保留', 'Transformed; members keep their relation'));
      void qc.invalidateQueries({ queryKey: ['org-tree'] });
      void qc.invalidateQueries({ queryKey: ['org-lifecycle'] });
      void qc.invalidateQueries({ queryKey: ['org', org.id] });
      onClose();
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Modal
      open
      title={tr(`转型「${org.name}」`, `Transform ${org.name}`)}
      onCancel={onClose}
      okButtonProps={{ loading: go.isPending }}
      onOk={() => void form.validateFields().then((v) => go.mutate(v))}
    >
      <Form form={form} layout="vertical" initialValues={{ into: 'community' }}>
        <Form.Item name="into" label={tr('转型为', 'Into')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'business_district', label: tr('商圈党支部', 'Business-district branch') },
              { value: 'building', label: tr('楼宇党支部', 'Building branch') },
              { value: 'community', label: tr('社区党支部', 'Community branch') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={tr('新名称', 'New name')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Typography.Text type="secondary">
          {tr(`${org.party?.relationMembers ?? 0} 名党员的组织关系随组织保留。`, 'Every member keeps the relation.')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
