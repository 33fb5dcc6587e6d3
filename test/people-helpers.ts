import type { TestApp, Agent } from './test-app.js';
import { buildRegion, buildUnit, buildUser } from './factories.js';
import { makeIdNumber } from '../src/domain/id-number.js';
import { XLSX_TYPE } from '../src/server/files/xlsx.js';

let seq = 0;
/** A valid, never-repeated ID number (area 110105, born 1990 + n days, sequence varies). */
export function nextId(): string {
  seq++;
  const born = new Date(Date.UTC(1960, 0, 1) + (seq % 15000) * 86_400_000 + Math.floor(Math.random() * 30) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return makeIdNumber(String(110000 + Math.floor(Math.random() * 9000)), born, Math.floor(Math.random() * 1000));
}

/** A region with a branch and a temporary branch in township A, a branch in township B, and users. */
export async function peopleWorld(t: TestApp) {
  const r = await buildRegion(t.ctx);
  const party = await buildUnit(t.ctx, {
    parentId: r.region.id,
    kind: 'party_working_committee',
    name: `党工委${seq++}${Date.now() % 1000}`,
  });
  const branchA = await buildUnit(t.ctx, {
    parentId: r.townA.id,
    kind: 'branch',
    name: `甲支部${Math.random().toString(36).slice(2, 7)}`,
  });
  const tempA = await buildUnit(t.ctx, {
    parentId: r.townA.id,
    kind: 'temp_branch',
    name: `临时支部${Math.random().toString(36).slice(2, 7)}`,
  });
  const branchB = await buildUnit(t.ctx, {
    parentId: r.townB.id,
    kind: 'branch',
    name: `乙支部${Math.random().toString(36).slice(2, 7)}`,
  });
  const orgDept = await buildUser(t.ctx, { unitId: r.region.id, roles: ['org_dept'] });
  const commissioner = await buildUser(t.ctx, { unitId: r.region.id, roles: ['commissioner'] });
  const secretaryA = await buildUser(t.ctx, { unitId: branchA.id, roles: ['secretary'] });
  const secretaryB = await buildUser(t.ctx, { unitId: branchB.id, roles: ['secretary'] });
  return { ...r, party, branchA, tempA, branchB, orgDept, commissioner, secretaryA, secretaryB };
}

export async function upload(t: TestApp, agent: Agent, url: string, body: Buffer) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: {
      'content-type': XLSX_TYPE,
      cookie: agent.cookie ?? '',
      'x-csrf-token': agent.csrf ?? '',
      'x-lang': 'zh',
    },
  });
}
