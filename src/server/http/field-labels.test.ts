import { describe, expect, it } from 'vitest';
import { fieldLabel, registerFieldLabels } from './field-labels.js';

describe('field labels', () => {
  it('a label registered under a URL prefix applies only there; the longest prefix wins', () => {
    registerFieldLabels({ zzLabelTest: '默认' });
    registerFieldLabels({ zzLabelTest: '甲' }, '/api/zz-a');
    registerFieldLabels({ zzLabelTest: '甲乙' }, '/api/zz-a/b');
    expect(fieldLabel(['zzLabelTest'], '/api/other').zh).toBe('默认');
    expect(fieldLabel(['zzLabelTest'], '/api/zz-a').zh).toBe('甲');
    expect(fieldLabel(['zzLabelTest'], '/api/zz-a?x=1').zh).toBe('甲');
    expect(fieldLabel(['zzLabelTest'], '/api/zz-ab').zh).toBe('默认');
    expect(fieldLabel(['zzLabelTest'], '/api/zz-a/b/3').zh).toBe('甲乙');
    expect(fieldLabel(['items', 0, 'zzLabelTest'], '/api/zz-a/1').zh).toBe('甲');
    expect(fieldLabel(['unknownField'], '/api/zz-a')).toEqual({ zh: 'unknownField', en: 'unknownField' });
  });
});
