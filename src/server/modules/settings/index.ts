/** The public face of the settings module: other code imports only from this file (docs/ARCHITECTURE.md). */
export { getSetting, putSetting } from './settings.repository.js';
