import type { AuditRow } from '../../db/schema/index.js';
import type { AuditView } from '../../../shared/api/audit.js';
import { ACTION_ZH, ENTITY_ZH } from './audit.labels.js';

export function presentAudit(r: AuditRow): AuditView {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    ip: r.ip,
    requestId: r.requestId,
    entity: r.entity,
    entityZh: ENTITY_ZH[r.entity] ?? r.entity,
    entityId: r.entityId,
    action: r.action,
    actionZh: ACTION_ZH[r.action] ?? r.action,
    before: r.before,
    after: r.after,
    hash: r.hash,
  };
}
