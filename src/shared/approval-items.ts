/**
 * 批管验联动 · 一图管全程: the standard chart of approvals and acceptances of an industrial project,
 * each with its department, its target in working days and the documents the firm must bring (一单早告知).
 * A project gets these items when it is registered; the organisation department may adjust them.
 */
export const APPROVAL_PHASES = {
  preparation: { zh: '前期审批', en: 'Preparation' },
  construction: { zh: '施工许可与监督', en: 'Construction permits' },
  acceptance: { zh: '验收', en: 'Acceptance' },
} as const;

export type ApprovalPhase = keyof typeof APPROVAL_PHASES;
export const APPROVAL_PHASE_CODES = Object.keys(APPROVAL_PHASES) as [ApprovalPhase, ...ApprovalPhase[]];

export interface ApprovalTemplateItem {
  code: string;
  zh: string;
  en: string;
  phase: ApprovalPhase;
  /** Name of the department that handles it, matched against the region's departments. */
  department: string;
  targetDays: number;
  documents: string[];
  /** An acceptance (验收) counts in the acceptance-duration report (articles: 30 → 10 working days). */
  isAcceptance: boolean;
}

export const APPROVAL_TEMPLATE: ApprovalTemplateItem[] = [
  {
    code: 'lixiang',
    zh: '项目立项（备案）',
    en: 'Project filing',
    phase: 'preparation',
    department: '发展和改革局',
    targetDays: 3,
    isAcceptance: false,
    documents: ['项目备案申请表', '企业营业执照', '可行性研究报告或项目申请书', '投资协议'],
  },
  {
    code: 'yongdi',
    zh: '用地审批',
    en: 'Land approval',
    phase: 'preparation',
    department: '自然资源局',
    targetDays: 20,
    isAcceptance: false,
    documents: ['用地申请书', '国有建设用地使用权出让合同', '土地出让金缴款凭证', '宗地界址图'],
  },
  {
    code: 'guihua',
    zh: '建设工程规划许可',
    en: 'Planning permit',
    phase: 'preparation',
    department: '自然资源局',
    targetDays: 10,
    isAcceptance: false,
    documents: ['规划许可申请表', '设计方案总平面图', '用地批准文件', '建筑工程设计方案'],
  },
  {
    code: 'shigong',
    zh: '施工许可',
    en: 'Construction permit',
    phase: 'construction',
    department: '住房和城乡建设局',
    targetDays: 5,
    isAcceptance: false,
    documents: ['施工许可申请表', '建设工程规划许可证', '施工合同及中标通知书', '施工图审查合格书', '资金到位证明'],
  },
  {
    code: 'zhian',
    zh: '质量安全监督提前介入',
    en: 'Early quality & safety supervision',
    phase: 'construction',
    department: '住房和城乡建设局',
    targetDays: 3,
    isAcceptance: false,
    documents: ['质量安全监督登记表', '施工组织设计', '安全生产许可证', '项目经理及安全员证书'],
  },
  {
    code: 'fenduan',
    zh: '主体结构分段验收',
    en: 'Staged structural acceptance',
    phase: 'acceptance',
    department: '住房和城乡建设局',
    targetDays: 5,
    isAcceptance: true,
    documents: ['分段验收申请', '检验批及分项工程验收记录', '材料检测报告', '监理质量评估报告'],
  },
  {
    code: 'jungong',
    zh: '竣工联合验收',
    en: 'Joint completion acceptance',
    phase: 'acceptance',
    department: '住房和城乡建设局',
    targetDays: 10,
    isAcceptance: true,
    documents: ['竣工验收申请报告', '工程质量评估报告', '规划条件核实意见', '消防验收意见', '城建档案验收意见'],
  },
];

/** Before the reform (批管验联动) an acceptance took 30 working days; the report compares with it. */
export const ACCEPTANCE_BASELINE_DAYS = 30;
