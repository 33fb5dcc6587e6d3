import { and, asc, inArray, notInArray } from 'drizzle-orm';
import { problems } from '../../db/schema/index.js';
import { registerDispatchContributor, type OpenItems } from '../dispatch/index.js';
import { PROBLEM_STATUS_LABELS } from '../../../shared/problem-labels.js';

/**
 * 月调度 prefill: a project's problems not yet finished (未办结问题) appear in its monthly dispatch
 * report, with their status and answer deadline, so the commissioner does not type them again.
 */
registerDispatchContributor(async (db, projectIds) => {
  const rows = await db
    .select({
      projectId: problems.projectId,
      title: problems.title,
      status: problems.status,
      answerDue: problems.answerDue,
    })
    .from(problems)
    .where(and(inArray(problems.projectId, projectIds), notInArray(problems.status, ['rated', 'closed'])))
    .orderBy(asc(problems.id));
  const out = new Map<number, OpenItems>();
  for (const r of rows) {
    if (r.projectId === null) continue;
    const cur = out.get(r.projectId) ?? {
      key: 'problems',
      label: { zh: '问题台账未办结问题', en: 'Open problems in the ledger' },
      count: 0,
      items: [],
    };
    const label = PROBLEM_STATUS_LABELS[r.status as keyof typeof PROBLEM_STATUS_LABELS] ?? {
      zh: r.status,
      en: r.status,
    };
    const due = r.answerDue ? `，答复期限 ${r.answerDue}` : '';
    const dueEn = r.answerDue ? `, answer due ${r.answerDue}` : '';
    cur.count++;
    cur.items.push({ zh: `【${label.zh}】${r.title}${due}`, en: `[${label.en}] ${r.title}${dueEn}` });
    out.set(r.projectId, cur);
  }
  return out;
});
