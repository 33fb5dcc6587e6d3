import { Link } from 'react-router-dom';
import type { ProblemItem } from './api.js';
import { DueTag, StatusTag, categoryLabel } from './labels.js';

type Tr = (zh: string, en: string) => string;

/** The deadline that matters to the reader: their own assignment's while they hold it, else the problem's. */
export function ProblemDue({ p }: { p: ProblemItem }) {
  const a = p.myAssignment;
  return a && (a.status === 'to_sign' || a.status === 'in_hand') ? (
    <DueTag
      p={{
        answerDue: a.status === 'to_sign' ? a.signDue : a.answerDue,
        slaProvisionalYear: a.provisionalYear,
        dueState: a.dueState,
        timeliness: p.timeliness,
      }}
    />
  ) : (
    <DueTag p={p} />
  );
}

/** On a phone: a card per problem, the title to tap, then status, deadline and who (decision 029). */
export function problemCard(tr: Tr) {
  return (p: ProblemItem) => (
    <div className="xf-row-card" data-testid="problem-card">
      <div className="xf-row-card-title">
        <Link to={`/problems/${p.id}`} data-testid="problem-link">
          {p.title}
        </Link>
      </div>
      <div className="xf-row-card-meta">
        <StatusTag status={p.status} />
        <ProblemDue p={p} />
        <span>{categoryLabel(p.category, tr)}</span>
      </div>
      <div className="xf-row-card-meta">
        {[p.firm?.name ?? p.project?.name, p.leadDept?.name].filter(Boolean).join(' → ') || p.code}
      </div>
    </div>
  );
}
