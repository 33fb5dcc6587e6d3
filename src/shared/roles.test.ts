import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_CODES } from './roles.js';

describe('role descriptions', () => {
  it('every role is described in both languages, the English one without Chinese characters', () => {
    for (const code of ROLE_CODES) {
      const r = ROLES[code];
      expect(r.descriptionZh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(r.descriptionEn.length, code).toBeGreaterThan(10);
      expect(r.descriptionEn, code).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
    }
  });
});
