import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { ORG_KINDS, PARTY_ORG_KINDS, type OrgKind } from '../../../shared/org-kinds.js';
import { createOrg, updateOrg, type OrgNode } from './api.js';

interface DetailsForm {
  kind?: OrgKind;
  name: string;
  establishedOn?: string;
  docNo?: string;
  termYears?: number;
  termStartedOn?: string;
}

/** 新建下级党组织 (parent = the selected node) or 编辑 the selected party org's details. */
export function PartyOrgDialog({ parent, edit, onClose }: { parent?: OrgNode; edit?: OrgNode; onClose: () => void }) {
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<DetailsForm>();
  const save = useMutation({
    mutationFn: (v: DetailsForm): Promise<unknown> => {
      const body = {
        name: v.name,
        establishedOn: v.establishedOn || null,
        docNo: v.docNo || null,
        termYears: v.termYears ?? null,
        termStartedOn: v.termStartedOn || null,
      };
      return edit
        ? updateOrg(edit.id, { ...body, version: edit.party?.version })
        : createOrg({ ...body, parentId: parent!.id, kind: v.kind! });
    },
    onSuccess: () => {
      void message.success(tr('已保存', 'Saved'));
      void qc.invalidateQueries({ queryKey: ['org-tree'] });
      onClose();
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const d = edit?.party;
  const dateRule = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: tr('格式：YYYY-MM-DD', 'Format: YYYY-MM-DD') };
  return (
    <Modal
      open
      title={
        edit
          ? tr(`编辑「${edit.name}」`, `Edit ${edit.name}`)
          : tr(`在「${parent?.name}」下新建党组织`, `New party org under ${parent?.name}`)
      }
      onCancel={onClose}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'org-save' } as never}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          edit
            ? {
                name: edit.name,
                establishedOn: d?.establishedOn ?? undefined,
                docNo: d?.docNo ?? undefined,
                termYears: d?.termYears ?? undefined,
                termStartedOn: d?.termStartedOn ?? undefined,
              }
            : { kind: 'branch', termYears: 3 }
        }
      >
        {!edit && (
          <Form.Item name="kind" label={tr('类型', 'Kind')} rules={[{ required: true }]}>
            <Select
              options={PARTY_ORG_KINDS.map((k) => ({
                value: k,
                label: lang === 'zh' ? ORG_KINDS[k].zh : ORG_KINDS[k].en,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="name" label={tr('名称', 'Name')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="org-name" />
        </Form.Item>
        <Form.Item name="establishedOn" label={tr('成立日期', 'Established on')} rules={[dateRule]}>
          <Input placeholder="2026-01-01" />
        </Form.Item>
        <Form.Item name="docNo" label={tr('批复文号', 'Approval document no.')}>
          <Input />
        </Form.Item>
        <Form.Item name="termStartedOn" label={tr('本届开始日期', 'Term started on')} rules={[dateRule]}>
          <Input placeholder="2026-01-01" />
        </Form.Item>
        <Form.Item name="termYears" label={tr('任期（年）', 'Term (years)')}>
          <Select allowClear options={[3, 5].map((y) => ({ value: y, label: `${y}` }))} />
        </Form.Item>
        <Typography.Text type="secondary">
          {tr(
            '下次换届日期按本届开始日期加任期计算；临时党支部不选举。',
            'The next election is the term start plus the term; a temporary branch does not elect.',
          )}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
