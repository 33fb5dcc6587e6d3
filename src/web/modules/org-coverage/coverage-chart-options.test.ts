import { describe, expect, it } from 'vitest';
import { townshipCoverageOption } from './coverage-chart-options.js';

const tr = (zh: string) => zh;
const r = (units: number, org: number, work: number) => ({
  units,
  orgCovered: org,
  workCovered: work,
  orgRate: Math.round((org / units) * 1000) / 10,
  workRate: Math.round((work / units) * 1000) / 10,
});

describe('townshipCoverageOption', () => {
  it('draws one row per township, both rates on a 0–100 % axis, the legend below the grid', () => {
    const o = townshipCoverageOption(
      {
        region: { id: 1, name: '示范区', ...r(10, 5, 8) },
        townships: [
          { id: 2, name: '东镇', ...r(4, 1, 3) },
          { id: 3, name: '西镇', ...r(6, 4, 5) },
        ],
      },
      tr,
    );
    expect(o.yAxis.data).toEqual(['东镇', '西镇']);
    expect(o.xAxis).toMatchObject({ min: 0, max: 100 });
    expect(o.series.map((s) => s.data.map((d) => d.value))).toEqual([
      [25, 66.7],
      [75, 83.3],
    ]);
    expect(o.series[0]!.data[0]).toMatchObject({ covered: 1, units: 4 });
    expect(o.legend).toMatchObject({ bottom: 0 });
    expect(o.grid.bottom).toBeGreaterThanOrEqual(30);
  });
  it("falls back to the scope's own row when no township is below it", () => {
    const o = townshipCoverageOption({ region: { id: 2, name: '东镇', ...r(4, 1, 3) }, townships: [] }, tr);
    expect(o.yAxis.data).toEqual(['东镇']);
  });
});
