import { describe, expect, it } from 'vitest';
import { auditCodeEn, calendarSourceLabel } from './labels.js';

describe('labels of stored codes', () => {
  it('names where a calendar year came from without a library name', () => {
    for (const s of ['chinese-days', 'notice', 'ui', 'import:csv', 'import:json', 'something']) {
      const l = calendarSourceLabel(s);
      expect(l.zh).not.toContain('chinese-days');
      expect(l.en).not.toContain('chinese-days');
      expect(l.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(calendarSourceLabel('chinese-days').zh).toContain('国务院办公厅');
    expect(calendarSourceLabel('import:csv').en).toBe('imported file (CSV)');
  });

  it('reads audit codes in English, known or not', () => {
    expect(auditCodeEn('login')).toBe('Signed in');
    expect(auditCodeEn('login_failed')).toBe('Sign-in failed');
    expect(auditCodeEn('unbind_branch')).toBe('Unbind branch');
    expect(auditCodeEn('auth')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
