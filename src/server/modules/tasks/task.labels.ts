import { registerAuditLabels } from '../audit/index.js';

registerAuditLabels({ task: '任务' }, { finish: '完成', fail: '失败' });
