/** The public face of the calendar module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { loadCalendar, replaceYearDays } from './calendar.repository.js';
export { calendarRoutes } from './calendar.routes.js';
export { saveYearSchedule } from './calendar.service.js';
export { createCalendarStore, type CalendarStore } from './calendar.store.js';
export { SEEDED_YEARS, chineseDaysExceptions } from './chinese-days-seed.js';
