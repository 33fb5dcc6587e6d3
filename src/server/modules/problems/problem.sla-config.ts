import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { problemCategorySla } from '../../db/schema/index.js';
import type { SlaPolicy } from '../../../domain/sla.js';
import { categoryOf, PROBLEM_CATEGORIES } from '../../../shared/problem-categories.js';

/** The SLA of a category: 组织部's override when set, else the default. Frozen into each dispatch event. */
export async function slaPolicyFor(db: Executor, category: string): Promise<SlaPolicy> {
  const [o] = await db.select().from(problemCategorySla).where(eq(problemCategorySla.category, category));
  if (o) return { signDays: o.signDays, answerDays: o.answerDays, feedbackAfterAnswerDays: o.feedbackAfterAnswerDays };
  const c = categoryOf(category);
  return { signDays: c.signDays, answerDays: c.answerDays, feedbackAfterAnswerDays: c.feedbackAfterAnswerDays };
}

export async function listCategorySla(db: Executor) {
  const overrides = new Map((await db.select().from(problemCategorySla)).map((o) => [o.category, o]));
  return PROBLEM_CATEGORIES.map((c) => {
    const o = overrides.get(c.code);
    return {
      code: c.code,
      zh: c.zh,
      en: c.en,
      signDays: o?.signDays ?? c.signDays,
      answerDays: o?.answerDays ?? c.answerDays,
      feedbackAfterAnswerDays: o?.feedbackAfterAnswerDays ?? c.feedbackAfterAnswerDays,
      customised: Boolean(o),
    };
  });
}
