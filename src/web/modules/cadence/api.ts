/** 月调度 types come from the shared contract (src/shared/api/dispatch.ts); only view helpers live here. */
export type { DispatchList, DispatchReport, DispatchRow } from '../../../shared/api/dispatch.js';

export const DISPATCH_STATE = {
  confirmed: { zh: '已确认', en: 'Confirmed', color: 'green' },
  pending: { zh: '待确认', en: 'To confirm', color: 'blue' },
  overdue: { zh: '缺报', en: 'Missing', color: 'red' },
} as const;

/** The month before today's, by the server's clock. */
export { serverPreviousMonth as previousMonth } from '../../app/server-clock.js';
