import type { HomeProvider } from '../home/index.js';
import { countUnread } from './notification.repository.js';

/** 工作台: the number of unread messages in the actor's inbox. */
export const inboxHome: HomeProvider = async (ctx, actor) => {
  const n = await countUnread(ctx.readDb, actor);
  return n
    ? [
        {
          key: 'inbox',
          level: 'info',
          title: { zh: `${n} 条未读消息`, en: `${n} unread messages` },
          count: n,
          link: '/inbox',
        },
      ]
    : [];
};
