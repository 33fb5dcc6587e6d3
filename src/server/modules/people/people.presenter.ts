import type { Lang } from '../../errors.js';
import { flowWarning, type Flow } from '../../../domain/flow.js';
import type { IsoDate } from '../../../domain/dates.js';
import type { PersonListRow, PersonRow } from './people.repository.js';
import { STATUS_LABELS, type PersonListItem, type PoliticalStatus } from '../../../shared/api/people.js';

export interface PresentOpts {
  lang: Lang;
  today: IsoDate;
}

export function statusLabel(s: string, lang: Lang): string {
  return STATUS_LABELS[s as PoliticalStatus]?.[lang] ?? s;
}

/**
 * A row of the member list (and the base of the detail): ID number and phone are ALWAYS masked, for
 * every role. The full value leaves the server only through the audited 查看 action (people.privacy.ts).
 */
export function presentPerson(row: PersonListRow, o: PresentOpts): PersonListItem {
  const p = row.person;
  const w = flowWarning(p.flow as Flow, p.flowSince, p.flowCertificate, o.today);
  return {
    id: p.id,
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    idNumber: p.idEnc ? p.idMasked : null,
    phone: p.phoneEnc ? p.phoneMasked : null,
    politicalStatus: p.politicalStatus,
    statusLabel: statusLabel(p.politicalStatus, o.lang),
    relationOrg: p.relationOrgUnitId ? { id: p.relationOrgUnitId, name: row.orgName ?? '' } : null,
    employerName: p.employerName,
    projectId: p.projectId,
    job: p.job,
    isWorker: p.isWorker,
    isTalent: p.isTalent,
    isExpert: p.isExpert,
    flow: p.flow,
    flowSince: p.flowSince,
    flowPlace: p.flowPlace,
    flowCertificate: p.flowCertificate,
    flowWarning: w ? { code: w.code, text: w.text[o.lang] } : null,
    version: p.version,
  };
}

/** What the audit log keeps of a person: never the clear ID number or phone. */
export function personAuditSnapshot(p: PersonRow) {
  const { idEnc: _a, idHash: _b, phoneEnc: _c, phoneHash: _d, createdAt: _e, updatedAt: _f, ...rest } = p;
  return rest;
}
