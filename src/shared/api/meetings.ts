import { z } from 'zod';
import { idParam, idRef, isoDate } from '../input.js';
import { PROBLEM_CATEGORY_CODES } from '../problem-categories.js';
import type { ApiTable } from './contract.js';
import { pageOf, pageQuery } from './page.js';

/** 党政企联席会议: the contract of /api/meetings (server validates, web infers). */
export const MEETING_DECISION_KINDS = ['note', 'create_problem', 'close_problem'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const meetingIdParams = z.object({ id: idParam });

export const attendee = z.object({
  unitId: idRef.nullable().optional(),
  unitName: text(100),
  people: z.string().trim().max(200),
});

export const newMeetingBody = z.object({
  heldOn: isoDate,
  subject: text(100),
  place: z.string().trim().max(100).optional(),
  host: z.string().trim().max(50).optional(),
  attendees: z.array(attendee).min(1).max(50),
  summary: z.string().trim().max(4000).optional(),
  problemIds: z.array(idRef).max(100).optional(),
});

export const decisionBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), text: text(2000) }),
  z.object({
    kind: z.literal('create_problem'),
    text: text(2000),
    category: z.enum(PROBLEM_CATEGORY_CODES),
    description: text(2000),
    firmUnitId: idRef.optional(),
    projectId: idRef.optional(),
  }),
  z.object({ kind: z.literal('close_problem'), text: text(2000), problemId: idRef, answer: text(4000) }),
]);

export const meetingRow = z.object({
  id: z.number().int(),
  heldOn: z.string(),
  title: z.string(),
  place: z.string().nullable(),
  attendees: z.number().int(),
  problems: z.number().int(),
  decisions: z.number().int(),
});

export const meetingPage = pageOf(meetingRow);

export const meetingView = z.object({
  id: z.number().int(),
  heldOn: z.string(),
  title: z.string(),
  place: z.string().nullable(),
  host: z.string().nullable(),
  summary: z.string().nullable(),
  attendees: z.array(
    z.object({ unitId: z.number().int().nullable().optional(), unitName: z.string(), people: z.string() }),
  ),
  problems: z.array(z.object({ id: z.number().int(), code: z.string(), title: z.string(), status: z.string() })),
  decisions: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(MEETING_DECISION_KINDS),
      text: z.string(),
      problemId: z.number().int().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export type NewMeeting = z.infer<typeof newMeetingBody>;
export type DecisionInput = z.infer<typeof decisionBody>;
export type MeetingRow = z.infer<typeof meetingRow>;
export type MeetingPage = z.infer<typeof meetingPage>;
export type MeetingView = z.infer<typeof meetingView>;

export const meetingsApi = {
  'GET /api/meetings': { query: pageQuery, response: meetingPage },
  'POST /api/meetings': { body: newMeetingBody, response: meetingView },
  'GET /api/meetings/:id': { params: meetingIdParams, response: meetingView },
  'POST /api/meetings/:id/decisions': { params: meetingIdParams, body: decisionBody, response: meetingView },
} satisfies ApiTable;
