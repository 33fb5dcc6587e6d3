import { randomUUID } from 'node:crypto';
import type { TestApp, Agent } from './test-app.js';
import { buildProject, buildRegion, buildUnit, buildUser, uid } from './factories.js';

/**
 * A region for problem tests: a firm in township A (and a second firm in township B), three
 * departments with a handler each, the 组织部, a township commissioner, a leader, a project.
 */
export async function buildProblemWorld(t: TestApp) {
  const r = await buildRegion(t.ctx);
  const firm2 = await buildUnit(t.ctx, { parentId: r.townB.id, kind: 'firm', name: `企业${uid()}` });
  const deptB = await buildUnit(t.ctx, { parentId: r.region.id, kind: 'department', name: `发改局${uid()}` });
  const deptC = await buildUnit(t.ctx, { parentId: r.region.id, kind: 'department', name: `税务局${uid()}` });
  const zzb = await buildUser(t.ctx, { unitId: r.region.id, roles: ['org_dept'], displayName: `组织部${uid()}` });
  const zhuanyuan = await buildUser(t.ctx, { unitId: r.townA.id, roles: ['commissioner'] });
  const leader = await buildUser(t.ctx, { unitId: r.region.id, roles: ['leader'] });
  const handlerA = await buildUser(t.ctx, { unitId: r.dept.id, roles: ['dept_handler'] });
  const handlerB = await buildUser(t.ctx, { unitId: deptB.id, roles: ['dept_handler'] });
  const handlerC = await buildUser(t.ctx, { unitId: deptC.id, roles: ['dept_handler'] });
  const qiye = await buildUser(t.ctx, { unitId: r.firm.id, roles: ['firm_contact'] });
  const qiye2 = await buildUser(t.ctx, { unitId: firm2.id, roles: ['firm_contact'] });
  const project = await buildProject(t.ctx, {
    regionId: r.region.id,
    townshipId: r.townA.id,
    ownerFirmUnitId: r.firm.id,
    leaderUserId: leader.id,
    commissionerUserId: zhuanyuan.id,
  });
  const login = async (u: { username: string }) => t.login(u.username);
  return {
    ...r,
    firm2,
    deptA: r.dept,
    deptB,
    deptC,
    project,
    users: { zzb, zhuanyuan, leader, handlerA, handlerB, handlerC, qiye, qiye2 },
    as: {
      zzb: await login(zzb),
      zhuanyuan: await login(zhuanyuan),
      leader: await login(leader),
      a: await login(handlerA),
      b: await login(handlerB),
      c: await login(handlerC),
      qiye: await login(qiye),
      qiye2: await login(qiye2),
    },
  };
}

/** Long sessions, so tests can move the clock across working days without logging in again. */
export const LONG_SESSIONS = { XIANFENG_SESSION_IDLE_MINUTES: '1000000', XIANFENG_SESSION_MAX_HOURS: '100000' };

export type ProblemWorld = Awaited<ReturnType<typeof buildProblemWorld>>;

export async function ok<T = Record<string, unknown>>(
  p: Promise<{ statusCode: number; body: string; json(): unknown }>,
): Promise<T> {
  const res = await p;
  if (res.statusCode !== 200) throw new Error(`expected 200, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

export interface Detail {
  id: number;
  status: string;
  version: number;
  answerDue: string | null;
  abilities: Record<string, unknown>;
  events: Array<{ type: string; text: string; actor: string }>;
  deadlines: Array<{ key: string; due: string | null; state: string; reason: string; provisionalYear: number | null }>;
  assignments: Array<{
    no: number;
    dept: { id: number; name: string };
    role: string;
    status: string;
    signDue: string | null;
    answerDue: string | null;
  }>;
  [k: string]: unknown;
}

/** The firm raises a problem (吹哨). */
export async function raise(agent: Agent, body: Record<string, unknown> = {}): Promise<Detail> {
  return ok<Detail>(
    agent.post('/api/problems', {
      clientRequestId: randomUUID(),
      category: 'land',
      description: `用地指标未落实${uid()}`,
      ...body,
    }),
  );
}

/** Raised by the firm, accepted by 组织部, dispatched to department A (lead) and optionally co-handlers. */
export async function raiseAndDispatch(
  w: ProblemWorld,
  opts: { co?: number[]; designated?: boolean; category?: string } = {},
): Promise<Detail> {
  const p = await raise(w.as.qiye, opts.category ? { category: opts.category } : {});
  await ok(w.as.zzb.post(`/api/problems/${p.id}/accept`, {}));
  return ok<Detail>(
    w.as.zzb.post(`/api/problems/${p.id}/dispatch`, {
      leadDeptId: w.deptA.id,
      coDeptIds: opts.co,
      designated: opts.designated,
    }),
  );
}
