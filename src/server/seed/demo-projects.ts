import { projectContractors, projectNodes, projects, projectTaskForces } from '../db/schema/index.js';
import { insertUnit } from '../modules/orgs/index.js';
import { pinyinKey } from '../../shared/pinyin.js';
import { DEFAULT_NODES, PROJECT_STAGES } from '../../shared/project-stages.js';
import { addDays, chinaDate } from '../../domain/dates.js';
import type { DemoSeeder } from './demo-types.js';
import { seedDemoProjectActivity, type DemoPlan } from './demo-project-activity.js';
import {
  CLUSTERS,
  KEY_PROJECTS,
  smallProjectSchedule,
  type DemoDate,
  type DemoProject,
  type NodeSpec,
} from './demo-project-data.js';

export const seedDemoProjects: DemoSeeder = async (tx, ctx, refs) => {
  const today = chinaDate(refs.now);
  const day = (d: DemoDate | undefined) => (d === undefined ? null : typeof d === 'number' ? addDays(today, d) : d);
  const plans: DemoPlan[] = [];
  const health = await insertUnit(tx, {
    parentId: refs.unit('donglin'),
    kind: 'firm',
    name: '东临大健康食品有限公司',
    code: 'F-DL-HEALTH',
    industry: '食品加工',
    lng: 113.558,
    lat: 34.706,
    pinyin: pinyinKey('东临大健康食品有限公司'),
  });
  refs.setUnit('dl_health', health.id);

  const insert = async (p: DemoProject) => {
    const [row] = await tx
      .insert(projects)
      .values({
        code: p.code,
        name: p.name,
        pinyin: pinyinKey(p.name),
        kind: p.kind ?? 'industry',
        industry: p.industry,
        chain: p.chain ?? null,
        level: p.level ?? null,
        stage: p.stage,
        regionUnitId: refs.unit('zone'),
        townshipUnitId: refs.unit(p.township),
        ownerFirmUnitId: refs.unit(p.owner),
        partyBranchUnitId: p.branch ? refs.unit(p.branch) : null,
        leadUnitId: p.lead ? refs.unit(p.lead) : null,
        leaderUserId: p.leader ? refs.user(p.leader) : null,
        commissionerUserId: p.commissioner ? refs.user(p.commissioner) : null,
        managerName: p.manager,
        headquarters: p.headquarters ?? null,
        totalInvestment: p.total,
        annualPlanInvestment: p.annual,
        expectedOutput: p.output ?? null,
        expectedTax: p.tax ?? null,
        jobs: p.jobs ?? null,
        lng: p.lng,
        lat: p.lat,
        plannedStart: p.plannedStart,
        plannedEnd: p.plannedEnd,
        startedOn: p.startedOn ?? null,
        progress: p.progress ?? null,
        progressOn: p.progress === undefined ? null : addDays(today, -3),
        createdBy: refs.user('zzb'),
        createdAt: refs.now,
        updatedAt: refs.now,
      })
      .returning({ id: projects.id });
    const id = row?.id as number;
    refs.setProject(p.code, id);
    const nodeRows = [
      ...DEFAULT_NODES.filter((n) => p.nodes[n.stage]).map((n, i) => {
        const [planned, actual, expected] = p.nodes[n.stage] as NodeSpec;
        return {
          seq: (i + 1) * 10,
          stage: n.stage as string | null,
          name: PROJECT_STAGES[n.stage].zh,
          nameEn: PROJECT_STAGES[n.stage].en,
          plannedPercent: n.plannedPercent,
          planned,
          actual,
          expected,
          responsible: p.manager,
        };
      }),
      ...(p.extra ?? []).map((x) => ({
        seq: x.seq,
        stage: null,
        name: x.name,
        nameEn: null,
        plannedPercent: null,
        planned: x.at[0],
        actual: x.at[1],
        expected: x.at[2],
        responsible: x.responsible ?? p.manager,
      })),
    ];
    await tx.insert(projectNodes).values(
      nodeRows.map((n) => ({
        projectId: id,
        seq: n.seq,
        stage: n.stage,
        name: n.name,
        nameEn: n.nameEn,
        plannedPercent: n.plannedPercent,
        plannedDate: day(n.planned),
        actualDate: day(n.actual),
        expectedDate: day(n.expected),
        responsibleName: n.responsible,
        responsibleUserId: p.commissioner ? refs.user(p.commissioner) : null,
        updatedAt: refs.now,
      })),
    );
    const contractorIds: number[] = [];
    for (const [seq, c] of (p.contractors ?? []).entries()) {
      const [cr] = await tx
        .insert(projectContractors)
        .values({
          projectId: id,
          name: c.name,
          role: c.role,
          firmUnitId: c.firm ? refs.unit(c.firm) : null,
          parentId: c.parent === undefined ? null : (contractorIds[c.parent] ?? null),
          seq,
        })
        .returning({ id: projectContractors.id });
      contractorIds.push(cr?.id as number);
    }
    if (p.taskForces?.length)
      await tx
        .insert(projectTaskForces)
        .values(
          p.taskForces.map((t, seq) => ({ projectId: id, level: t.level, name: t.name, members: t.members, seq })),
        );
    plans.push({
      id,
      spec: p,
      nodes: [...nodeRows]
        .sort((a, b) => a.seq - b.seq)
        .map((n) => ({ name: n.name, stage: n.stage, planned: day(n.planned), actual: day(n.actual) })),
    });
  };
  for (const p of KEY_PROJECTS) await insert(p);

  let n = 101;
  for (const [ci, c] of CLUSTERS.entries()) {
    for (const [i, base] of c.names.entries()) {
      const lng = Number((c.lng + ((i % 3) - 1) * 0.004).toFixed(4));
      const lat = Number((c.lat + (Math.floor(i / 3) - 0.5) * 0.004).toFixed(4));
      const firmName = `${base}有限公司`;
      const firm = await insertUnit(tx, {
        parentId: refs.unit('donglin'),
        kind: 'firm',
        name: firmName,
        code: `F-DL-${n}`,
        industry: c.industry,
        lng,
        lat,
        pinyin: pinyinKey(firmName),
        sortOrder: n,
      });
      refs.setUnit(`dl_firm_${n}`, firm.id);
      const startedOn = `2026-0${3 + (n % 4)}-1${n % 10}`;
      await insert({
        code: `XM-2026-${n}`,
        name: `${base}项目`,
        township: 'donglin',
        owner: `dl_firm_${n}`,
        lead: ci % 2 === 0 ? 'fg' : 'xzsp',
        industry: c.industry,
        stage: 'started',
        total: 3000 + ((n * 37) % 9) * 500,
        annual: 1500 + ((n * 11) % 5) * 300,
        jobs: 30 + ((n * 7) % 40),
        manager: `项目经理${n - 100}`,
        lng,
        lat,
        plannedStart: '2026-03-01',
        plannedEnd: '2027-06-30',
        startedOn,
        ...smallProjectSchedule(n, startedOn),
      });
      n++;
    }
  }
  await seedDemoProjectActivity(tx, ctx, refs, plans);
};
