import { useEffect, useState } from 'react';
import { Alert, Button, Col, DatePicker, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ApiError, patch, post } from '../../../app/api.js';
import { useI18n } from '../../../app/i18n.js';
import { OrgPicker } from '../../../components/OrgPicker.js';
import {
  PROJECT_KINDS,
  PROJECT_LEVELS,
  PROJECT_STAGES,
  stageIndex,
  type ProjectStage,
} from '../../../../shared/project-stages.js';
import { completes, openNodesUpTo } from '../../../../domain/project-completion.js';
import type { ProjectDetail } from '../api.js';
import { CONTRACTOR_ROLES } from '../labels.js';
import { AssigneePicker } from './AssigneePicker.js';

interface Values {
  name: string;
  code?: string;
  kind: string;
  stage: string;
  level?: string | null;
  industry?: string;
  chain?: string;
  townshipUnitId: number;
  ownerFirmUnitId?: number | null;
  partyBranchUnitId?: number | null;
  leadUnitId?: number | null;
  leaderUserId?: number | null;
  commissionerUserId?: number | null;
  managerName?: string;
  headquarters?: string;
  totalInvestment?: number | null;
  annualPlanInvestment?: number | null;
  plannedStart?: Dayjs | null;
  plannedEnd?: Dayjs | null;
  toppedOut?: Dayjs | null;
  contractors?: Array<{ name: string; role: string }>;
  completionReason?: string;
}

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const PARTY = ['temp_branch', 'joint_branch', 'branch', 'general_branch', 'party_committee'];

/** Register a project (组织部) or edit it; the standard time nodes and approval chart come with it. */
export function ProjectFormDrawer({
  open,
  project,
  onClose,
}: {
  open: boolean;
  project: ProjectDetail | null;
  onClose: () => void;
}) {
  const { tr, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const stage = Form.useWatch('stage', form) as ProjectStage | undefined;
  // 竣工 with time nodes still open needs a reason (the server says which nodes; they stay open)
  const openAtCompletion =
    project && stage && completes(project.stage as ProjectStage, stage)
      ? openNodesUpTo(
          project.nodes.map((n) => ({ name: n.name, seq: n.seq, stage: n.stage, actualDate: n.actualDate })),
          stage,
        )
      : [];

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (project)
      form.setFieldsValue({
        name: project.name,
        kind: project.kind,
        stage: project.stage,
        level: project.level,
        industry: project.industry ?? undefined,
        chain: project.chain ?? undefined,
        townshipUnitId: project.township?.id,
        ownerFirmUnitId: project.ownerFirm?.id ?? null,
        partyBranchUnitId: project.partyBranch?.id ?? null,
        leadUnitId: project.leadUnit?.id ?? null,
        leaderUserId: project.leader?.id ?? null,
        commissionerUserId: project.commissioner?.id ?? null,
        managerName: project.managerName ?? undefined,
        headquarters: project.headquarters ?? undefined,
        totalInvestment: project.totalInvestment,
        annualPlanInvestment: project.annualPlanInvestment,
        plannedStart: project.plannedStart ? dayjs(project.plannedStart) : null,
        plannedEnd: project.plannedEnd ? dayjs(project.plannedEnd) : null,
        contractors: project.contractors.map((c) => ({ name: c.name, role: c.role })),
      });
    else form.setFieldsValue({ kind: 'industry', stage: 'signed' });
  }, [open, project, form]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = {
        name: v.name,
        kind: v.kind,
        stage: v.stage,
        level: v.level ?? null,
        industry: v.industry || null,
        chain: v.chain || null,
        townshipUnitId: v.townshipUnitId,
        ownerFirmUnitId: v.ownerFirmUnitId ?? null,
        partyBranchUnitId: v.partyBranchUnitId ?? null,
        leadUnitId: v.leadUnitId ?? null,
        leaderUserId: v.leaderUserId ?? null,
        commissionerUserId: v.commissionerUserId ?? null,
        managerName: v.managerName || null,
        headquarters: v.headquarters || null,
        totalInvestment: v.totalInvestment ?? null,
        annualPlanInvestment: v.annualPlanInvestment ?? null,
        plannedStart: iso(v.plannedStart),
        plannedEnd: iso(v.plannedEnd),
        contractors: (v.contractors ?? []).filter((c) => c?.name),
      };
      if (project)
        return patch<ProjectDetail>(`/api/projects/${project.id}`, {
          ...body,
          version: project.version,
          ...(openAtCompletion.length && v.completionReason ? { completionReason: v.completionReason } : {}),
        });
      return post<ProjectDetail>('/api/projects', {
        ...body,
        ...(v.code ? { code: v.code } : {}),
        nodePlans: v.toppedOut ? { topped_out: iso(v.toppedOut) } : undefined,
      });
    },
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ['projects'] });
      void qc.invalidateQueries({ queryKey: ['project', p.id] });
      onClose();
      if (!project) void navigate(`/projects/${p.id}`);
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });

  const opts = (m: Record<string, { zh: string; en: string }>) =>
    Object.entries(m).map(([value, l]) => ({ value, label: lang === 'zh' ? l.zh : l.en }));
  const req = [{ required: true, message: tr('必填', 'Required') }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={project ? tr('修改项目', 'Edit project') : tr('登记项目', 'Register a project')}
      size={640}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{tr('取消', 'Cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="project-save">
            {tr('保存', 'Save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} showIcon />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="name" label={tr('项目名称', 'Name')} rules={req}>
              <Input data-testid="project-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            {!project && (
              <Form.Item name="code" label={tr('项目编号（可自动生成）', 'Code (optional)')}>
                <Input placeholder="XM-2026-0001" />
              </Form.Item>
            )}
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label={tr('项目类型', 'Kind')}>
              <Select options={opts(PROJECT_KINDS)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="stage" label={tr('项目阶段', 'Stage')}>
              <Select options={opts(PROJECT_STAGES)} />
            </Form.Item>
          </Col>
          {openAtCompletion.length > 0 && (
            <Col span={24}>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={tr(
                  `还有 ${openAtCompletion.length} 个时间节点未填写实际完成日期：${openAtCompletion.map((n) => n.name).join('、')}。请先在时间节点中填写完成日期，或填写理由（这些节点仍为未完成）。`,
                  `${openAtCompletion.length} time nodes have no date reached: ${openAtCompletion.map((n) => n.name).join(', ')}. Date them first, or give a reason (they stay open).`,
                )}
              />
              <Form.Item
                name="completionReason"
                label={tr(
                  `未完成节点即${stageIndex(stage!) >= stageIndex('operating') ? '投产' : '竣工'}的理由`,
                  'Reason',
                )}
                rules={[
                  { required: true, min: 2, message: tr('请填写理由（至少 2 个字）', 'Give a reason (2+ characters)') },
                ]}
              >
                <Input.TextArea rows={2} maxLength={200} data-testid="project-completion-reason" />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="level" label={tr('项目级别', 'Level')}>
              <Select allowClear options={opts(PROJECT_LEVELS)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="industry" label={tr('行业', 'Industry')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="chain" label={tr('产业链', 'Industrial chain')}>
              <Input placeholder={tr('如：煤—焦—氢', 'e.g. coal–coke–hydrogen')} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">
          {tr('四对一：党支部 + 指挥部 + 牵头单位 + 属地乡镇', 'Four-in-one binding')}
        </Divider>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="townshipUnitId" label={tr('属地乡镇', 'Township')} rules={req}>
              <OrgPicker kinds={['township']} testId="project-township" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leadUnitId" label={tr('牵头单位', 'Lead unit')}>
              <OrgPicker kinds={['department']} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="partyBranchUnitId" label={tr('项目党支部', 'Party branch')}>
              <OrgPicker kinds={PARTY} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="headquarters" label={tr('指挥部', 'Headquarters')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ownerFirmUnitId" label={tr('业主单位', 'Owner firm')}>
              <OrgPicker kinds={['firm']} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="managerName" label={tr('项目经理', 'Project manager')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leaderUserId" label={tr('包联领导', 'Leader in charge')}>
              <AssigneePicker role="leader" initial={project?.leader ?? null} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="commissionerUserId"
              label={tr('项目专员（兼党建指导员）', 'Commissioner (also party instructor)')}
            >
              <AssigneePicker role="commissioner" initial={project?.commissioner ?? null} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{tr('投资与计划', 'Investment and plan')}</Divider>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="totalInvestment" label={tr('总投资（万元）', 'Total investment (10k yuan)')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="annualPlanInvestment" label={tr('年度计划投资（万元）', 'Annual plan (10k yuan)')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="plannedStart" label={tr('计划开工', 'Planned start')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="plannedEnd" label={tr('计划竣工', 'Planned completion')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            {!project && (
              <Form.Item name="toppedOut" label={tr('计划主体封顶', 'Planned topping-out')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Divider titlePlacement="start">{tr('承建单位', 'Contractors')}</Divider>
        <Form.List name="contractors">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={req}>
                    <Input placeholder={tr('单位名称', 'Name')} style={{ width: 280 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} initialValue="general">
                    <Select style={{ width: 140 }} options={opts(CONTRACTOR_ROLES)} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={tr('移除', 'Remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {tr('添加承建单位', 'Add a contractor')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
