import { registerFieldLabels } from '../../http/field-labels.js';
import { registerAuditLabels } from '../audit/audit.labels.js';

/** Chinese names of person fields, for validation messages ("身份证号：校验位不正确") and the import report. */
export const PEOPLE_FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  gender: '性别',
  birthDate: '出生日期',
  politicalStatus: '政治面貌',
  orgId: '所在党组织',
  relationOrgUnitId: '组织关系所在党组织',
  employerUnitId: '工作单位',
  employerName: '工作单位名称',
  employer: '工作单位',
  projectId: '所在项目',
  job: '岗位',
  homeUnitId: '居住社区',
  isWorker: '产业工人',
  isTalent: '人才',
  isExpert: '专家',
  worker: '产业工人',
  talent: '人才',
  expert: '专家',
  flow: '流动情况',
  flowSince: '外出（流入）日期',
  flowPlace: '流动去向（来源）地',
  flowCertificate: '流动党员活动证',
  version: '版本号',
  step: '发展步骤',
  on: '日期',
  introducers: '入党介绍人',
  contacts: '培养联系人',
  extensionMonths: '延长预备期（月）',
  reason: '理由',
  role: '角色',
  since: '起始日期',
  until: '结束日期',
  toOrgUnitId: '转入党组织',
  letterNo: '介绍信编号',
  issuedOn: '开具日期',
  q: '搜索',
  onlyValid: '仅导入正确的行',
};

registerFieldLabels(PEOPLE_FIELD_LABELS, '/api/people');
registerAuditLabels(
  { person: '人员', person_participation: '双向管理', development_record: '发展党员', relation_transfer: '组织关系转接' },
  { create: '新增', update: '修改', flow: '流动登记', participate: '登记参与', end_participation: '结束参与', pipeline: '登记发展步骤', issue: '开具', receive: '接收', reject: '拒绝', expire: '超期', revoke: '撤销', import: '导入', remind: '到期提醒' },
);
