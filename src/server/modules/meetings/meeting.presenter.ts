import type { meetingDecisions, meetings } from '../../db/schema/index.js';
import type { MeetingView } from '../../../shared/api/meetings.js';
import { problemCode } from '../problems/index.js';

type DecisionKind = MeetingView['decisions'][number]['kind'];

/** A meeting as the API shows it: attendees, the problems discussed (with their codes) and decisions. */
export function presentMeeting(
  m: typeof meetings.$inferSelect,
  discussed: Array<{ id: number; title: string; status: string; raisedAt: Date }>,
  decisions: Array<typeof meetingDecisions.$inferSelect>,
): MeetingView {
  return {
    id: m.id,
    heldOn: m.heldOn,
    title: m.title,
    place: m.place,
    host: m.host,
    summary: m.summary,
    attendees: m.attendees as MeetingView['attendees'],
    problems: discussed.map((p) => ({
      id: p.id,
      code: problemCode(p.id, p.raisedAt),
      title: p.title,
      status: p.status,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      kind: d.kind as DecisionKind,
      text: d.text,
      problemId: d.problemId,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}
