import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { buildProject, buildRegion, buildUnit, buildUser } from './factories.js';
import { findProjectInScope } from '../src/server/modules/projects/project.scope.js';
import type { Actor } from '../src/server/actor.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const actorAt = (userId: number, path: string): Pick<Actor, 'userId' | 'scope'> => ({
  userId,
  scope: { unitId: 0, path, kind: 'org', unitKind: 'region', name: '' },
});

describe('project visibility rule', () => {
  it('is visible through each node it is bound to, and to its leader and commissioner; 404 otherwise', async () => {
    const r = await buildRegion(t.ctx);
    const other = await buildRegion(t.ctx);
    const branch = await buildUnit(t.ctx, { parentId: r.region.id, kind: 'temp_branch' });
    const leader = await buildUser(t.ctx, { unitId: other.region.id, roles: ['leader'] });
    const p = await buildProject(t.ctx, {
      regionId: r.region.id,
      townshipId: r.townA.id,
      partyBranchUnitId: branch.id,
      ownerFirmUnitId: r.firm.id,
      leadUnitId: r.dept.id,
      leaderUserId: leader.id,
    });
    const visible = async (userId: number, path: string) =>
      Boolean(await findProjectInScope(t.ctx.db, actorAt(userId, path), p.id));
    expect(await visible(0, r.region.path)).toBe(true);
    expect(await visible(0, r.townA.path)).toBe(true);
    expect(await visible(0, r.townB.path)).toBe(false);
    expect(await visible(0, branch.path)).toBe(true);
    expect(await visible(0, r.firm.path)).toBe(true);
    expect(await visible(0, r.dept.path)).toBe(true);
    expect(await visible(0, other.region.path)).toBe(false);
    expect(await visible(leader.id, other.region.path)).toBe(true);
  });
});
