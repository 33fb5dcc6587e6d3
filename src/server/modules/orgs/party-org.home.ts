import { can } from '../../actor.js';
import { addDays, chinaDate } from '../../../domain/dates.js';
import { ownNextElection } from './party-org.repository.js';
import type { HomeItem, HomeProvider } from '../home/index.js';

/** How far ahead the secretary is told of the 换届 (the election has to be prepared and reported first). */
const ELECTION_NOTICE_DAYS = 180;

/**
 * 支部书记: the branch's 换届 when its term ends (overdue in red, within half a year in amber, else the date).
 * A 临时党支部 has no term (it closes with its project) and shows nothing here.
 */
export const electionDueHome: HomeProvider = async (ctx, actor) => {
  if (!actor.roles.includes('secretary') || !can(actor, 'orgs.read')) return [];
  const due = await ownNextElection(ctx.readDb, actor);
  if (!due) return [];
  const today = chinaDate(ctx.clock.now());
  const item: HomeItem =
    due < today
      ? {
          key: 'election-overdue',
          level: 'danger',
          title: { zh: `本支部应于 ${due} 换届，已超期`, en: `The branch's election was due on ${due}` },
          link: '/orgs',
        }
      : due <= addDays(today, ELECTION_NOTICE_DAYS)
        ? {
            key: 'election-due',
            level: 'warning',
            title: {
              zh: `本支部任期将于 ${due} 届满，请筹备换届`,
              en: `The branch's term ends on ${due}: prepare the election`,
            },
            link: '/orgs',
          }
        : {
            key: 'election-next',
            level: 'info',
            title: { zh: `本支部下次换届 ${due}`, en: `The branch's next election: ${due}` },
            link: '/orgs',
          };
  return [item];
};
