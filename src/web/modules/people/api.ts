import type { Page } from '../../app/api.js';
import { getLang } from '../../app/i18n.js';
import { ApiError } from '../../app/api.js';

export interface Ref {
  id: number;
  name: string;
}
export interface PersonItem {
  id: number;
  name: string;
  gender: string | null;
  birthDate: string | null;
  idNumber: string | null;
  phone: string | null;
  politicalStatus: string;
  statusLabel: string;
  relationOrg: Ref | null;
  employerName: string | null;
  job: string | null;
  isWorker: boolean;
  isTalent: boolean;
  isExpert: boolean;
  flow: string;
  flowSince: string | null;
  flowPlace: string | null;
  flowCertificate: boolean;
  flowWarning: { code: string; text: string } | null;
  version: number;
}
export type PersonPage = Page<PersonItem>;
export interface Due {
  key: string;
  dueOn: string;
  status: 'waiting' | 'due_soon' | 'overdue' | 'ready';
  text: string;
}
export interface TransferItem {
  id: number;
  personId: number;
  personName: string;
  fromOrg: Ref | null;
  toOrg: Ref | null;
  letterNo: string | null;
  issuedOn: string;
  validUntil: string;
  status: string;
  statusLabel: string;
  decidedOn: string | null;
  reason: string | null;
  version: number;
  canReceive: boolean;
  canRevoke: boolean;
}
export interface PersonDetail extends PersonItem {
  /** May 查看 the full ID number / phone (people.reveal); the person's values are always masked here. */
  canReveal: boolean;
  participations: Array<{ id: number; org: Ref | null; role: string; since: string; until: string | null }>;
  development: null | {
    appliedOn: string | null;
    talkedOn: string | null;
    activistOn: string | null;
    candidateOn: string | null;
    admittedOn: string | null;
    extensionMonths: number | null;
    extensionReason: string | null;
    fullOn: string | null;
    probationEndsOn: string | null;
    introducers: Array<{ name: string }>;
    contacts: Array<{ name: string }>;
    stage: string | null;
    next: Due | null;
    warnings: Array<{ code: string; text: string }>;
  };
  timeline: Array<{ id: number; kind: string; on: string; text: string }>;
  transfers: TransferItem[];
}
export interface ImportReport {
  total: number;
  valid: number;
  invalidRows: number;
  imported: number;
  errors: Array<{ row: number; column: string; message: string }>;
}
export interface PipelineList {
  data: Array<{
    personId: number;
    name: string;
    org: Ref | null;
    stage: string | null;
    stageLabel: string;
    next: Due | null;
    warnings: Array<{ code: string; text: string }>;
  }>;
  stages: Record<string, number>;
}

export const DEFAULT_PEOPLE_FILTERS = {
  q: undefined as string | undefined,
  orgId: undefined as number | undefined,
  politicalStatus: undefined as string | undefined,
  worker: undefined as string | undefined,
  talent: undefined as string | undefined,
  expert: undefined as string | undefined,
  flow: undefined as string | undefined,
  employer: undefined as string | undefined,
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

/** Uploads a roster (.xlsx as the raw body) and returns the row report. */
export async function uploadRoster(file: File, csrf: string, onlyValid: boolean): Promise<ImportReport> {
  const res = await fetch(`/api/people/import${onlyValid ? '?onlyValid=true' : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'x-csrf-token': csrf,
      'x-lang': getLang(),
    },
    body: file,
  });
  const json = (await res.json()) as ImportReport & { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, json.code ?? 'HTTP', json.message ?? res.statusText);
  return json;
}
