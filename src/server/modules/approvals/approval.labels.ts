import { registerFieldLabels } from '../../http/field-labels.js';

registerFieldLabels({
  submittedOn: '申报日期',
  completedOn: '办结日期',
  documents: '材料清单',
  departmentUnitId: '办理部门',
  targetDays: '承诺时限（工作日）',
});
