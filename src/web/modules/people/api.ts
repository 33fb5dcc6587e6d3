import type { Due } from '../../../shared/api/people.js';
import { getLang } from '../../app/i18n.js';
import { ApiError } from '../../app/api.js';

/** The server's answers, from the shared contract (types only: zod stays out of the bundle). */
export type {
  Due,
  ImportReport,
  PersonDetail,
  PersonListItem as PersonItem,
  PersonPage,
  PipelineList,
  RevealResponse,
  TransferItem,
  TransferPage,
} from '../../../shared/api/people.js';

export const DEFAULT_PEOPLE_FILTERS = {
  q: undefined as string | undefined,
  orgId: undefined as number | undefined,
  politicalStatus: undefined as string | undefined,
  worker: undefined as string | undefined,
  talent: undefined as string | undefined,
  expert: undefined as string | undefined,
  flow: undefined as string | undefined,
  employer: undefined as string | undefined,
  sort: undefined as string | undefined,
  page: 1,
  pageSize: 20,
};

export const STATUS_OPTIONS: Array<{ value: string; zh: string; en: string }> = [
  { value: 'masses', zh: '群众', en: 'Masses' },
  { value: 'applicant', zh: '入党申请人', en: 'Applicant' },
  { value: 'activist', zh: '入党积极分子', en: 'Activist' },
  { value: 'candidate', zh: '发展对象', en: 'Candidate' },
  { value: 'probationary', zh: '预备党员', en: 'Probationary member' },
  { value: 'full', zh: '正式党员', en: 'Full member' },
];

export const DUE_COLOURS: Record<Due['status'], string> = {
  waiting: 'default',
  due_soon: 'gold',
  overdue: 'red',
  ready: 'green',
};

/** Uploads a roster (.xlsx as the raw body) as a task of the 任务中心; answers the task's id. */
export async function queueRosterImport(file: File, csrf: string, onlyValid: boolean): Promise<{ id: number }> {
  const res = await fetch(`/api/people/import/task${onlyValid ? '?onlyValid=true' : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'x-csrf-token': csrf,
      'x-lang': getLang(),
    },
    body: file,
  });
  const json = (await res.json()) as { id: number; code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, json.code ?? 'HTTP', json.message ?? res.statusText);
  return { id: json.id };
}
