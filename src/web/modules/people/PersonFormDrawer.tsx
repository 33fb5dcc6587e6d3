import { Button, Checkbox, Drawer, Form, Input, Select, Space, message } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { STATUS_OPTIONS, type PersonDetail } from './api.js';

const PARTY_KINDS = [
  'party_working_committee',
  'party_committee',
  'general_branch',
  'branch',
  'party_group',
  'temp_branch',
  'joint_branch',
  'comprehensive_committee',
  'chain_committee',
  'guidance_station',
];

/** 登记人员: birth date and gender come from the ID number, so they are not asked for. */
export function PersonFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { tr } = useI18n();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      post<PersonDetail>('/api/people', {
        ...v,
        idNumber: v.idNumber || null,
        phone: v.phone || null,
        isWorker: Boolean(v.isWorker),
        isTalent: Boolean(v.isTalent),
        isExpert: Boolean(v.isExpert),
      }),
    onSuccess: async (p) => {
      void message.success(tr('已登记', 'Registered'));
      form.resetFields();
      onClose();
      await qc.invalidateQueries({ queryKey: ['people'] });
      void navigate(`/people/${p.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={tr('登记人员', 'Register a person')}
      width={420}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="person-save">
          {tr('保存', 'Save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: Record<string, unknown>) => save.mutate(v)}
        initialValues={{ politicalStatus: 'full' }}
      >
        <Form.Item name="name" label={tr('姓名', 'Name')} rules={[{ required: true }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={tr('身份证号', 'ID number')}
          extra={tr('出生日期和性别由身份证号自动得出', 'Birth date and gender come from it')}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="phone" label={tr('手机号', 'Phone')}>
          <Input maxLength={13} />
        </Form.Item>
        <Form.Item name="politicalStatus" label={tr('政治面貌', 'Status')}>
          <Select options={STATUS_OPTIONS.map((s) => ({ value: s.value, label: tr(s.zh, s.en) }))} />
        </Form.Item>
        <Form.Item
          name="relationOrgUnitId"
          label={tr('组织关系所在党组织', 'Party org holding the relation')}
          rules={[{ required: true }]}
        >
          <OrgPicker kinds={PARTY_KINDS} />
        </Form.Item>
        <Form.Item name="employerName" label={tr('工作单位', 'Employer')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="job" label={tr('岗位', 'Job')}>
          <Input maxLength={32} />
        </Form.Item>
        <Space>
          <Form.Item name="isWorker" valuePropName="checked">
            <Checkbox>{tr('产业工人', 'Worker')}</Checkbox>
          </Form.Item>
          <Form.Item name="isTalent" valuePropName="checked">
            <Checkbox>{tr('人才', 'Talent')}</Checkbox>
          </Form.Item>
          <Form.Item name="isExpert" valuePropName="checked">
            <Checkbox>{tr('专家', 'Expert')}</Checkbox>
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
