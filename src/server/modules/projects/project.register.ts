import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor, Tx } from '../../db/client.js';
import { auditActorOf, type Actor, type AuditActor } from '../../actor.js';
import { AppError, invalid, notFound } from '../../errors.js';
import {
  orgUnits,
  projectContractors,
  projectNodes,
  projects,
  projectTaskForces,
  users,
  type ProjectRow,
} from '../../db/schema/index.js';
import { inSubtree } from '../../scope.js';
import { recordAudit } from '../../audit/audit.writer.js';
import { emitEvent } from '../../events.js';
import { PARTY_ORG_KINDS, type OrgKind } from '../../../shared/org-kinds.js';
import { DEFAULT_NODES, PROJECT_STAGES, stageIndex, type ProjectStage } from '../../../shared/project-stages.js';
import { pinyinKey } from '../../../shared/pinyin.js';
import { chinaDate } from '../../../domain/dates.js';
import { checkCompletion } from '../../../domain/project-completion.js';
import { writeHistory } from './history.repository.js';
import { regionOfPath } from './project.scope.js';
import { PROJECT_FIELD_LABELS } from './project.labels.js';
import { projectAuditSnapshot } from './project.presenter.js';
import type { CreateProjectInput, UpdateProjectInput } from '../../../shared/api/projects.js';

type UnitCheck = { field: keyof typeof PROJECT_FIELD_LABELS; kinds?: readonly OrgKind[]; kindZh?: string };
const UNIT_CHECKS: Record<string, UnitCheck> = {
  townshipUnitId: { field: 'townshipUnitId', kinds: ['township'], kindZh: '乡镇（街道）' },
  ownerFirmUnitId: { field: 'ownerFirmUnitId', kinds: ['firm'], kindZh: '企业' },
  partyBranchUnitId: { field: 'partyBranchUnitId', kinds: PARTY_ORG_KINDS, kindZh: '党组织' },
  leadUnitId: { field: 'leadUnitId' },
};

/** Referenced units must lie in the actor's subtree (else 404) and be of the right kind (else 400). */
async function checkUnits(
  db: Executor,
  actor: Actor,
  input: Partial<Record<string, unknown>>,
  contractors: Array<{ firmUnitId?: number | null | undefined }> = [],
): Promise<void> {
  const refs: Array<[number, UnitCheck]> = [];
  for (const [key, check] of Object.entries(UNIT_CHECKS)) {
    const v = input[key];
    if (typeof v === 'number') refs.push([v, check]);
  }
  for (const c of contractors)
    if (c.firmUnitId) refs.push([c.firmUnitId, { field: 'contractors', kinds: ['firm'], kindZh: '企业' }]);
  for (const [id, check] of refs) {
    const [u] = await db
      .select({ kind: orgUnits.kind })
      .from(orgUnits)
      .where(sql`${orgUnits.id} = ${id} and ${inSubtree(orgUnits.path, actor.scope.path)}`);
    const label = PROJECT_FIELD_LABELS[check.field] as string;
    if (!u) throw notFound({ zh: label, en: check.field });
    if (check.kinds && !check.kinds.includes(u.kind as OrgKind))
      throw invalid({ zh: `${label}：必须是${check.kindZh}`, en: `${check.field}: wrong kind of unit` });
  }
  for (const key of ['leaderUserId', 'commissionerUserId'] as const) {
    const v = input[key];
    if (typeof v !== 'number') continue;
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.scopeUnitId))
      .where(sql`${users.id} = ${v} and ${inSubtree(orgUnits.path, actor.scope.path)}`);
    if (!u) throw notFound({ zh: PROJECT_FIELD_LABELS[key] as string, en: key });
  }
}

async function insertContractors(
  tx: Tx,
  projectId: number,
  list: NonNullable<CreateProjectInput['contractors']>,
): Promise<void> {
  await tx.delete(projectContractors).where(eq(projectContractors.projectId, projectId));
  const ids: number[] = [];
  for (const [i, c] of list.entries()) {
    const parentId = c.parentIndex != null ? (ids[c.parentIndex] ?? null) : null;
    const [row] = await tx
      .insert(projectContractors)
      .values({
        projectId,
        name: c.name,
        role: c.role,
        firmUnitId: c.firmUnitId ?? null,
        parentId,
        managerName: c.managerName ?? null,
        seq: i,
      })
      .returning({ id: projectContractors.id });
    ids.push(row?.id as number);
  }
}

async function insertTaskForces(
  tx: Tx,
  projectId: number,
  list: NonNullable<CreateProjectInput['taskForces']>,
): Promise<void> {
  await tx.delete(projectTaskForces).where(eq(projectTaskForces.projectId, projectId));
  if (list.length)
    await tx
      .insert(projectTaskForces)
      .values(list.map((t, seq) => ({ projectId, level: t.level, name: t.name, members: t.members, seq })));
}

/**
 * 项目登记: the project with its standard time nodes and approval chart, its first warning, a
 * history line, the 'project.created' event (三同步: the branch is set up with the project) and
 * the audit row, all in one transaction.
 */
export async function registerProject(ctx: AppContext, actor: Actor, input: CreateProjectInput): Promise<number> {
  await checkUnits(ctx.db, actor, input, input.contractors);
  const [town] = await ctx.db
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.id, input.townshipUnitId));
  const region = await regionOfPath(ctx.db, town?.path ?? '/');
  if (!region) throw invalid({ zh: '属地乡镇：不属于任何区域', en: 'townshipUnitId: not inside a region' });
  if (
    input.code &&
    (await ctx.db.select({ id: projects.id }).from(projects).where(eq(projects.code, input.code))).length
  )
    throw new AppError('CONFLICT', { zh: `项目编号 ${input.code} 已存在`, en: `Project code ${input.code} exists` });
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const who = auditActorOf(actor);
  return ctx.db.transaction(async (tx) => {
    const { contractors, taskForces, nodePlans, code, ...fields } = input;
    const [row] = await tx
      .insert(projects)
      .values({
        ...fields,
        code: code ?? `pending-${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`,
        pinyin: pinyinKey(fields.name),
        regionUnitId: region.id,
        startedOn: stageIndex(fields.stage) >= stageIndex('started') ? (fields.plannedStart ?? null) : null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert failed');
    let project: ProjectRow = row;
    if (!code)
      [project] = (await tx
        .update(projects)
        .set({ code: `XM-${today.slice(0, 4)}-${String(row.id).padStart(4, '0')}` })
        .where(eq(projects.id, row.id))
        .returning()) as [ProjectRow];
    if (contractors?.length) await insertContractors(tx, project.id, contractors);
    if (taskForces?.length) await insertTaskForces(tx, project.id, taskForces);
    await tx.insert(projectNodes).values(
      DEFAULT_NODES.map((n, i) => ({
        projectId: project.id,
        seq: (i + 1) * 10,
        stage: n.stage,
        name: PROJECT_STAGES[n.stage].zh,
        nameEn: PROJECT_STAGES[n.stage].en,
        plannedDate:
          nodePlans?.[n.stage] ??
          (n.stage === 'started' ? fields.plannedStart : n.stage === 'completed' ? fields.plannedEnd : null) ??
          null,
        plannedPercent: n.plannedPercent,
        updatedAt: now,
        updatedBy: actor.userId,
      })),
    );
    await writeHistory(tx, who, now, [
      {
        projectId: project.id,
        kind: 'registered',
        text: {
          zh: `登记项目「${project.name}」（${project.code}）`,
          en: `Registered “${project.name}” (${project.code})`,
        },
        after: projectAuditSnapshot(project),
      },
    ]);
    await emitEvent(tx, ctx, who, 'project.changed', { projectIds: [project.id], calendar: cal, today, now });
    await emitEvent(tx, ctx, who, 'project.created', { project });
    await recordAudit(
      tx,
      who,
      { entity: 'project', entityId: project.id, action: 'register', after: projectAuditSnapshot(project) },
      now,
    );
    return project.id;
  });
}

function stageDates(from: ProjectRow, to: ProjectStage, on: string): Partial<ProjectRow> {
  const out: Partial<ProjectRow> = {};
  if (stageIndex(to) >= stageIndex('started') && !from.startedOn) out.startedOn = on;
  if (stageIndex(to) >= stageIndex('completed') && !from.completedOn) out.completedOn = on;
  return out;
}

/**
 * Moves a project to a later (or corrected) stage inside the caller's transaction: history line and
 * the 'project.stageChanged' event (a completed project's branch is transformed or closed).
 */
export async function changeStage(
  tx: Tx,
  ctx: AppContext,
  who: AuditActor,
  project: ProjectRow,
  to: ProjectStage,
  on: string,
  now: Date,
): Promise<ProjectRow> {
  const [updated] = (await tx
    .update(projects)
    .set({ stage: to, ...stageDates(project, to, on), version: sql`${projects.version} + 1`, updatedAt: now })
    .where(eq(projects.id, project.id))
    .returning()) as [ProjectRow];
  const from = project.stage as ProjectStage;
  await writeHistory(tx, who, now, [
    {
      projectId: project.id,
      kind: 'stage',
      text: {
        zh: `阶段由「${PROJECT_STAGES[from].zh}」变为「${PROJECT_STAGES[to].zh}」`,
        en: `Stage changed from ${PROJECT_STAGES[from].en} to ${PROJECT_STAGES[to].en}`,
      },
      before: { stage: from },
      after: { stage: to },
    },
  ]);
  await emitEvent(tx, ctx, who, 'project.stageChanged', { project: updated, from, to });
  return updated;
}

/** Edits a project (optimistic `version`: a stale edit answers 409); the warning is recomputed with it. */
export async function updateProject(
  ctx: AppContext,
  actor: Actor,
  project: ProjectRow,
  input: UpdateProjectInput,
): Promise<void> {
  await checkUnits(ctx.db, actor, input, input.contractors);
  const cal = await ctx.calendar.get();
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const who = auditActorOf(actor);
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(projects).where(eq(projects.id, project.id)).for('update');
    if (!current) throw notFound({ zh: '项目', en: 'Project' });
    if (current.version !== input.version)
      throw new AppError(
        'CONFLICT',
        { zh: '项目已被他人修改，请刷新后重试', en: 'The project was changed by someone else; reload and try again' },
        { version: current.version },
      );
    const { contractors, taskForces, version: _v, stage, completionReason, ...fields } = input;
    const completion = stage
      ? checkCompletion({
          from: current.stage as ProjectStage,
          to: stage,
          nodes: await tx
            .select({
              name: projectNodes.name,
              seq: projectNodes.seq,
              stage: projectNodes.stage,
              actualDate: projectNodes.actualDate,
            })
            .from(projectNodes)
            .where(eq(projectNodes.projectId, project.id)),
          reason: completionReason,
        })
      : null;
    if (completion && !completion.ok)
      throw new AppError(
        'CONFLICT',
        {
          zh: `还有 ${completion.open.length} 个时间节点未填写实际完成日期，不能${PROJECT_STAGES[stage!].zh}：${completion.open.map((n) => n.name).join('、')}。请先填写这些节点的完成日期，或填写未完成即${PROJECT_STAGES[stage!].zh}的理由`,
          en: `${completion.open.length} time nodes have no date reached: ${completion.open.map((n) => n.name).join(', ')}. Date them first, or give a reason (completionReason)`,
        },
        { openNodes: completion.open.map((n) => ({ name: n.name, stage: n.stage })) },
      );
    const changed = Object.keys(fields).filter(
      (k) =>
        JSON.stringify(fields[k as keyof typeof fields] ?? null) !==
        JSON.stringify(current[k as keyof ProjectRow] ?? null),
    );
    await tx
      .update(projects)
      .set({
        ...fields,
        ...(fields.name ? { pinyin: pinyinKey(fields.name) } : {}),
        version: sql`${projects.version} + 1`,
        updatedAt: now,
      })
      .where(eq(projects.id, project.id));
    if (contractors) await insertContractors(tx, project.id, contractors);
    if (taskForces) await insertTaskForces(tx, project.id, taskForces);
    const labels = [...changed, ...(contractors ? ['contractors'] : []), ...(taskForces ? ['taskForces'] : [])].map(
      (k) => PROJECT_FIELD_LABELS[k] ?? k,
    );
    if (labels.length)
      await writeHistory(tx, who, now, [
        {
          projectId: project.id,
          kind: 'updated',
          text: { zh: `修改了${labels.join('、')}`, en: `Changed ${[...changed].join(', ')}` },
          before: projectAuditSnapshot(current),
          after: fields,
        },
      ]);
    let after = { ...current, ...fields };
    if (stage && stage !== current.stage)
      after = await changeStage(tx, ctx, who, { ...current, ...fields } as ProjectRow, stage, today, now);
    const leftOpen = completion?.ok && completion.withReason ? completion.open.map((n) => n.name) : null;
    if (leftOpen)
      await writeHistory(tx, who, now, [
        {
          projectId: project.id,
          kind: 'stage',
          text: {
            zh: `未完成节点${leftOpen.join('、')}即${PROJECT_STAGES[stage!].zh}，理由：${completionReason}`,
            en: `${PROJECT_STAGES[stage!].en} with open nodes ${leftOpen.join(', ')}; reason: ${completionReason}`,
          },
          before: null,
          after: { completionReason, openNodes: leftOpen },
        },
      ]);
    await emitEvent(tx, ctx, who, 'project.changed', { projectIds: [project.id], calendar: cal, today, now });
    await recordAudit(
      tx,
      who,
      {
        entity: 'project',
        entityId: project.id,
        action: stage && stage !== current.stage ? 'stage' : 'update',
        before: projectAuditSnapshot(current),
        after: leftOpen
          ? { ...projectAuditSnapshot(after), completionReason, openNodes: leftOpen }
          : projectAuditSnapshot(after),
      },
      now,
    );
  });
}
