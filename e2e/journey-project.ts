import { expect } from 'vitest';
import { serverToday } from './browser.js';
import { ApiClient } from './api.js';

/** A project of the demo region in charge of 张伟 (项目专员) and 刘振华 (包联领导), its 主体封顶 due in five working days. */
export async function registerJourneyProject(): Promise<{
  id: number;
  name: string;
  planned: string;
  expected: string;
}> {
  const zzb = await ApiClient.login('zzb');
  const planned = (
    await zzb.json<{ date: string }>('GET', `/api/calendar/add-working-days?date=${await serverToday()}&days=5`)
  ).date;
  const expected = (await zzb.json<{ date: string }>('GET', `/api/calendar/add-working-days?date=${planned}&days=3`))
    .date;
  const town = (
    await zzb.json<{ data: Array<{ id: number }> }>(
      'GET',
      `/api/orgs/options?q=${encodeURIComponent('狼山街道')}&kind=township`,
    )
  ).data[0];
  const person = async (role: string, name: string) =>
    (
      await zzb.json<{ data: Array<{ id: number; name: string }> }>(
        'GET',
        `/api/projects/assignees?role=${role}&q=${encodeURIComponent(name)}`,
      )
    ).data.find((p) => p.name === name);
  const [commissioner, leader] = [await person('commissioner', '张伟'), await person('leader', '刘振华')];
  const name = `旅程冷库项目${Date.now() % 100000}`;
  const p = await zzb.json<{ id: number; warning: { colour: string } }>('POST', '/api/projects', {
    name,
    townshipUnitId: town?.id,
    stage: 'started',
    plannedStart: '2026-03-01',
    plannedEnd: '2027-12-31',
    commissionerUserId: commissioner?.id,
    leaderUserId: leader?.id,
    nodePlans: { topped_out: planned },
  });
  expect(p.warning.colour).toBe('blue');
  return { id: p.id, name, planned, expected };
}
