import type { ProjectKind, ProjectLevel, ProjectStage } from '../../shared/project-stages.js';
import { addDays } from '../../domain/dates.js';

/** The demo region's projects as data: the key projects, the small-project clusters and their schedules. */
/** A date in the demo: an ISO date, or a number of days from the day the demo is loaded (keeps the 蓝/黄/红 mix). */
export type DemoDate = string | number;
/** [planned, actual?, expected?] */
export type NodeSpec = [DemoDate, DemoDate?, DemoDate?];

export interface DemoProject {
  code: string;
  name: string;
  township: string;
  owner: string;
  branch?: string;
  lead?: string;
  leader?: string;
  commissioner?: string;
  industry: string;
  chain?: string;
  kind?: ProjectKind;
  level?: ProjectLevel;
  stage: ProjectStage;
  total: number;
  annual: number;
  output?: number;
  tax?: number;
  jobs?: number;
  manager: string;
  headquarters?: string;
  lng: number;
  lat: number;
  plannedStart: string;
  plannedEnd: string;
  startedOn?: string;
  progress?: number;
  nodes: Partial<Record<Exclude<ProjectStage, 'negotiating'>, NodeSpec>>;
  extra?: Array<{ name: string; seq: number; at: NodeSpec; responsible?: string }>;
  contractors?: Array<{ name: string; role: 'general' | 'sub' | 'supervisor'; firm?: string; parent?: number }>;
  taskForces?: Array<{
    level: 'city' | 'bureau' | 'township';
    name: string;
    members: Array<{ name: string; title: string }>;
  }>;
}

/** The key projects; 001 is seed 001's 20 亿 food park (output 15 亿/yr, tax 4,000 万+); 007 its 大健康 park. */
export const KEY_PROJECTS: DemoProject[] = [
  {
    code: 'XM-2026-001',
    name: '先锋食品产业园项目',
    township: 'langshan',
    owner: 'food',
    branch: 'food_branch',
    lead: 'fg',
    leader: 'lingdao',
    commissioner: 'zhuanyuan',
    industry: '食品加工',
    chain: '食品',
    level: 'city',
    stage: 'started',
    total: 200000,
    annual: 60000,
    output: 150000,
    tax: 4200,
    jobs: 1200,
    manager: '陈建国',
    headquarters: '食品产业园项目建设指挥部',
    lng: 113.603,
    lat: 34.774,
    plannedStart: '2026-03-01',
    plannedEnd: '2027-10-31',
    startedOn: '2026-03-18',
    progress: 48,
    nodes: {
      signed: ['2026-01-15', '2026-01-12'],
      land: ['2026-02-20', '2026-02-26'],
      started: ['2026-03-01', '2026-03-18'],
      topped_out: [25],
      completed: ['2027-10-31'],
      operating: ['2027-12-31'],
    },
    extra: [{ name: '生产设备采购招标', seq: 35, at: [-20, -22], responsible: '陈建国' }],
    contractors: [
      { name: '华建建设集团有限公司', role: 'general', firm: 'huajian' },
      { name: '中原钢构工程有限公司', role: 'sub', parent: 0 },
      { name: '先锋工程监理有限公司', role: 'supervisor' },
    ],
    taskForces: [
      {
        level: 'city',
        name: '先锋食品产业园项目市级专班',
        members: [
          { name: '刘振华', title: '管委会副主任（组长）' },
          { name: '王建国', title: '党工委组织部部长' },
          { name: '孙立', title: '自然资源局' },
        ],
      },
      {
        level: 'township',
        name: '狼山街道食品产业园服务专班',
        members: [
          { name: '张伟', title: '项目专员兼党建指导员' },
          { name: '赵敏', title: '临时党支部书记' },
        ],
      },
    ],
  },
  {
    code: 'XM-2026-002',
    name: '狼山冷链物流中心',
    township: 'langshan',
    owner: 'logistics',
    lead: 'zrzy',
    leader: 'lingdao',
    commissioner: 'zhuanyuan',
    industry: '物流',
    chain: '食品',
    level: 'county',
    stage: 'land',
    total: 35000,
    annual: 12000,
    output: 20000,
    tax: 600,
    jobs: 220,
    manager: '李海',
    lng: 113.611,
    lat: 34.776,
    plannedStart: '2026-12-01',
    plannedEnd: '2027-10-31',
    nodes: {
      signed: ['2026-05-10', '2026-05-10'],
      land: ['2026-09-30', '2026-09-28'],
      started: ['2026-12-01'],
      topped_out: ['2027-05-31'],
      completed: ['2027-10-31'],
    },
  },
  {
    code: 'XM-2026-003',
    name: '华建建设集团区域总部',
    township: 'langshan',
    owner: 'huajian',
    lead: 'zj',
    commissioner: 'zhuanyuan',
    industry: '建筑施工',
    kind: 'service',
    level: 'county',
    stage: 'topped_out',
    total: 18000,
    annual: 8000,
    jobs: 150,
    manager: '王刚',
    lng: 113.607,
    lat: 34.771,
    plannedStart: '2025-09-01',
    plannedEnd: '2026-12-31',
    startedOn: '2025-09-10',
    progress: 70,
    nodes: {
      signed: ['2025-06-30', '2025-06-28'],
      land: ['2025-08-15', '2025-08-10'],
      started: ['2025-09-01', '2025-09-10'],
      topped_out: ['2026-09-30', '2026-09-29'],
      completed: ['2026-12-31'],
    },
    extra: [{ name: '幕墙安装完成', seq: 45, at: [-12], responsible: '王刚' }],
    contractors: [{ name: '华建建设集团有限公司', role: 'general', firm: 'huajian' }],
  },
  {
    code: 'XM-2026-004',
    name: '狼山街道安置房三期',
    township: 'langshan',
    owner: 'huajian',
    lead: 'zj',
    commissioner: 'zhuanyuan',
    industry: '房屋建筑',
    kind: 'livelihood',
    stage: 'started',
    total: 42000,
    annual: 20000,
    jobs: 0,
    manager: '赵强',
    lng: 113.6,
    lat: 34.765,
    plannedStart: '2026-04-01',
    plannedEnd: '2027-09-30',
    startedOn: '2026-04-20',
    progress: 15,
    nodes: {
      signed: ['2026-02-10', '2026-02-10'],
      land: ['2026-03-15', '2026-03-12'],
      started: ['2026-04-01', '2026-04-20'],
      topped_out: ['2027-03-31'],
      completed: ['2027-09-30'],
    },
    contractors: [{ name: '华建建设集团有限公司', role: 'general', firm: 'huajian' }],
  },
  {
    code: 'XM-2026-005',
    name: '焦炉煤气制氢项目',
    township: 'tieshan',
    owner: 'hydrogen',
    branch: 'coke_branch',
    lead: 'fg',
    leader: 'lingdao',
    industry: '氢能',
    chain: '煤—焦—氢',
    level: 'province',
    stage: 'started',
    total: 86000,
    annual: 30000,
    output: 65000,
    tax: 2100,
    jobs: 300,
    manager: '孙海涛',
    headquarters: '制氢项目现场指挥部',
    lng: 113.689,
    lat: 34.724,
    plannedStart: '2026-02-15',
    plannedEnd: '2027-08-31',
    startedOn: '2026-03-02',
    progress: 20,
    nodes: {
      signed: ['2025-12-20', '2025-12-18'],
      land: ['2026-01-31', '2026-02-05'],
      started: ['2026-02-15', '2026-03-02'],
      topped_out: ['2027-02-28'],
      completed: ['2027-08-31'],
    },
    extra: [{ name: '制氢装置设备基础完成', seq: 35, at: ['2026-10-09'], responsible: '孙海涛' }],
    taskForces: [
      { level: 'bureau', name: '发改局制氢项目服务专班', members: [{ name: '周局长', title: '发展和改革局' }] },
      { level: 'township', name: '铁山镇项目专班', members: [{ name: '铁山镇党委书记', title: '组长' }] },
    ],
  },
  {
    code: 'XM-2026-006',
    name: '铁山综合加氢站',
    township: 'tieshan',
    owner: 'hydrogen',
    lead: 'yj',
    industry: '氢能',
    chain: '煤—焦—氢',
    level: 'county',
    stage: 'signed',
    total: 6000,
    annual: 3000,
    jobs: 30,
    manager: '周明',
    lng: 113.686,
    lat: 34.727,
    plannedStart: '2027-01-15',
    plannedEnd: '2027-09-30',
    nodes: { signed: ['2026-08-20', '2026-08-18'], land: ['2026-12-20'], started: ['2027-01-15'] },
  },
  {
    code: 'XM-2026-007',
    name: '东临大健康食品示范园配套项目',
    township: 'donglin',
    owner: 'dl_health',
    lead: 'fg',
    leader: 'lingdao',
    industry: '食品加工',
    chain: '食品',
    level: 'city',
    stage: 'land',
    total: 25000,
    annual: 9000,
    output: 30000,
    tax: 800,
    jobs: 260,
    manager: '吴斌',
    lng: 113.558,
    lat: 34.706,
    plannedStart: '2026-09-10',
    plannedEnd: '2027-12-31',
    nodes: { signed: ['2026-06-06', '2026-06-06'], land: ['2026-08-20', '2026-08-18'], started: ['2026-09-10'] },
  },
];

/**
 * Seed 001: sixteen small started projects (项目一线) in 东临镇, each with its own small owner firm,
 * in a few clusters of neighbouring sites and kindred industries — the coverage engine's demo case.
 */
export const CLUSTERS: Array<{ lng: number; lat: number; industry: string; names: string[] }> = [
  {
    lng: 113.545,
    lat: 34.705,
    industry: '新材料',
    names: ['东临高分子新材料', '东临复合板材', '东临碳纤维制品', '东临涂层材料'],
  },
  {
    lng: 113.56,
    lat: 34.696,
    industry: '电子信息',
    names: ['东临智能终端', '东临电路板', '东临传感器', '东临线缆组件'],
  },
  { lng: 113.538, lat: 34.69, industry: '装备制造', names: ['东临农机装备', '东临精密铸件', '东临输送设备'] },
  {
    lng: 113.566,
    lat: 34.71,
    industry: '食品加工',
    names: ['东临面制品', '东临果蔬加工', '东临调味品', '东临烘焙食品', '东临乳制品'],
  },
];

/** The few small projects that are behind (the rest are on plan): a slip, an overdue node, progress far behind. */
export function smallProjectSchedule(n: number, startedOn: string): Pick<DemoProject, 'nodes' | 'extra' | 'progress'> {
  // Most started within a few days of their plan (seed 001: the sixteen are 已经开工).
  const nodes: DemoProject['nodes'] = {
    signed: ['2026-01-20', '2026-01-20'],
    land: ['2026-02-25', '2026-02-25'],
    started: [addDays(startedOn, -(n % 3)), startedOn],
    topped_out: [`2027-0${1 + (n % 3)}-28`],
    completed: ['2027-06-30'],
  };
  if (n === 103) return { nodes, extra: [{ name: '厂房基础完成', seq: 35, at: [-10] }], progress: 40 };
  if (n === 107) return { nodes: { ...nodes, topped_out: [10, undefined, 17] }, progress: 44 };
  if (n === 111) return { nodes, progress: 5 };
  if (n === 114) return { nodes, extra: [{ name: '钢结构吊装完成', seq: 35, at: [-25] }], progress: 30 };
  return { nodes, progress: 45 + (n % 4) };
}
