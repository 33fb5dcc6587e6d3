import { Popover, Space, Tag, Typography } from 'antd';
import {
  PROBLEM_SOURCE_LABELS,
  PROBLEM_STATUS_LABELS,
  RATING_LABELS,
  TIMELINESS_LABELS,
} from '../../../shared/problem-labels.js';
import { categoryOf } from '../../../shared/problem-categories.js';
import { useI18n } from '../../app/i18n.js';
import { ProvisionalTag } from '../../components/ProvisionalTag.js';
import type { ProblemItem } from './api.js';

type Tr = (zh: string, en: string) => string;

export function StatusTag({ status }: { status: string }) {
  const { tr } = useI18n();
  const s = PROBLEM_STATUS_LABELS[status as keyof typeof PROBLEM_STATUS_LABELS];
  return s ? (
    <Tag color={s.color} data-testid="problem-status">
      {tr(s.zh, s.en)}
    </Tag>
  ) : (
    <Tag>{status}</Tag>
  );
}

export const categoryLabel = (code: string, tr: Tr) => {
  const c = categoryOf(code);
  return tr(c.zh, c.en);
};

export const sourceLabel = (s: string, tr: Tr) => {
  const l = PROBLEM_SOURCE_LABELS[s as keyof typeof PROBLEM_SOURCE_LABELS];
  return l ? tr(l.zh, l.en) : s;
};

export const ratingLabel = (r: string | null, tr: Tr) => {
  const l = r ? RATING_LABELS[r as keyof typeof RATING_LABELS] : undefined;
  return l ? tr(l.zh, l.en) : '';
};

const DUE_COLOR: Record<string, string> = {
  overdue: 'red',
  due_soon: 'orange',
  open: 'blue',
  done_on_time: 'green',
  done_late: 'volcano',
};

/** The answer deadline of a row with its colour; one click explains it. */
export function DueTag({
  p,
}: {
  p: Pick<ProblemItem, 'answerDue' | 'slaProvisionalYear' | 'dueState' | 'timeliness'>;
}) {
  const { tr } = useI18n();
  if (p.dueState === 'closed') {
    const t = TIMELINESS_LABELS[p.timeliness];
    return <Tag color={t.color}>{tr(`按期：${t.zh}`, `On time: ${t.en}`)}</Tag>;
  }
  if (p.dueState === 'none') return <Typography.Text type="secondary">—</Typography.Text>;
  const text = p.answerDue ?? '—';
  const why: Record<string, [string, string]> = {
    overdue: ['已超过答复时限（按工作日计）', 'Past the answer deadline (working days)'],
    due_soon: ['答复时限为今天或下一个工作日', 'Due today or on the next working day'],
    open: ['尚未到期', 'Not yet due'],
    done_on_time: ['已按期答复', 'Answered on time'],
    done_late: ['已答复，但超过时限', 'Answered late'],
  };
  const [zh, en] = why[p.dueState] ?? ['', ''];
  return (
    <Space size={4} wrap>
      <Popover content={tr(zh, en)} trigger="click">
        <Tag color={DUE_COLOR[p.dueState]} style={{ cursor: 'pointer' }} data-testid="due-tag">
          {text}
        </Tag>
      </Popover>
      <ProvisionalTag year={p.slaProvisionalYear} />
    </Space>
  );
}
