/** 项目阶段, in order: 洽谈 → 签约 → 供地 → 开工 → 主体封顶 → 竣工 → 投产. */
export const PROJECT_STAGES = {
  negotiating: { zh: '洽谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  land: { zh: '供地', en: 'Land supplied' },
  started: { zh: '开工', en: 'Started' },
  topped_out: { zh: '主体封顶', en: 'Topped out' },
  completed: { zh: '竣工', en: 'Completed' },
  operating: { zh: '投产', en: 'In operation' },
} as const;

export type ProjectStage = keyof typeof PROJECT_STAGES;
export const PROJECT_STAGE_CODES = Object.keys(PROJECT_STAGES) as [ProjectStage, ...ProjectStage[]];

export function stageIndex(s: ProjectStage): number {
  return PROJECT_STAGE_CODES.indexOf(s);
}

/** A project counts as started (在建) from 开工 until it is 竣工. */
export function isUnderConstruction(s: ProjectStage): boolean {
  return stageIndex(s) >= stageIndex('started') && stageIndex(s) < stageIndex('completed');
}

export const PROJECT_LEVELS = {
  province: { zh: '省重点', en: 'Provincial key' },
  city: { zh: '市重点', en: 'City key' },
  county: { zh: '县重点', en: 'County key' },
} as const;

export type ProjectLevel = keyof typeof PROJECT_LEVELS;

/** From 开工 on (including 竣工 and 投产) a project has started. */
export function isStarted(s: ProjectStage): boolean {
  return stageIndex(s) >= stageIndex('started');
}

/** 产业项目 / 基础设施 / 社会民生 / 服务业 */
export const PROJECT_KINDS = {
  industry: { zh: '产业项目', en: 'Industrial' },
  infrastructure: { zh: '基础设施', en: 'Infrastructure' },
  livelihood: { zh: '社会民生', en: 'Public welfare' },
  service: { zh: '现代服务业', en: 'Services' },
} as const;

export type ProjectKind = keyof typeof PROJECT_KINDS;
export const PROJECT_KIND_CODES = Object.keys(PROJECT_KINDS) as [ProjectKind, ...ProjectKind[]];
export const PROJECT_LEVEL_CODES = Object.keys(PROJECT_LEVELS) as [ProjectLevel, ...ProjectLevel[]];

/** 专班 levels (seed 002: 市级 + 委局 + 乡镇街道). */
export const TASK_FORCE_LEVELS = {
  city: { zh: '市级专班', en: 'City task force' },
  bureau: { zh: '委局专班', en: 'Bureau task force' },
  township: { zh: '乡镇（街道）专班', en: 'Township task force' },
} as const;

export type TaskForceLevel = keyof typeof TASK_FORCE_LEVELS;
export const TASK_FORCE_LEVEL_CODES = Object.keys(TASK_FORCE_LEVELS) as [TaskForceLevel, ...TaskForceLevel[]];

/**
 * The time nodes a newly registered project gets, one per stage after 洽谈, each reaching that stage.
 * `plannedPercent` shapes the planned-progress curve between planned start (0%) and end (100%).
 */
export const DEFAULT_NODES: Array<{ stage: Exclude<ProjectStage, 'negotiating'>; plannedPercent: number | null }> = [
  { stage: 'signed', plannedPercent: null },
  { stage: 'land', plannedPercent: null },
  { stage: 'started', plannedPercent: null },
  { stage: 'topped_out', plannedPercent: 60 },
  { stage: 'completed', plannedPercent: null },
  { stage: 'operating', plannedPercent: null },
];

/** Projects that owe a monthly dispatch report (月调度): from 签约 until 竣工; 洽谈 and 投产 do not. */
export function requiresDispatch(s: ProjectStage): boolean {
  return stageIndex(s) >= stageIndex('signed') && stageIndex(s) <= stageIndex('completed');
}
