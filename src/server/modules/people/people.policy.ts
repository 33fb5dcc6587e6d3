import type { Permission } from '../../../shared/permissions.js';

/** Which permission each people action needs (scope is checked by the repository: out of scope is 404). */
export const peoplePolicy = {
  list: 'people.read',
  read: 'people.read',
  write: 'people.write',
  /** 查看: one field of one person in full, with a reason; never in a list or an export. */
  reveal: 'people.reveal',
  export: 'people.export',
  import: 'people.import',
  transfers: 'transfers.manage',
} as const satisfies Record<string, Permission>;
