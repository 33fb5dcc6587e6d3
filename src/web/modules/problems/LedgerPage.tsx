import { Button, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { get } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { exportHandler } from '../tasks/runExport.js';
import { ListPage } from '../../components/list/ListPage.js';
import { problemCard } from './problem-card.js';
import { useListState } from '../../components/list/useListState.js';
import { PROBLEM_CATEGORIES } from '../../../shared/problem-categories.js';
import { PROBLEM_SOURCE_LABELS, PROBLEM_STATUS_LABELS } from '../../../shared/problem-labels.js';
import { LEDGER_DEFAULTS, type DepartmentList, type ProblemItem, type ProblemPage } from './api.js';
import { problemColumns } from './columns.js';

/** 问题台账: every problem in scope; filters, sort and page in the URL; the Excel ledger of exactly what is filtered. */
export default function LedgerPage() {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useListState(LEDGER_DEFAULTS);
  const f = list.state;
  const page = useQuery({ queryKey: ['problems', 'ledger', f], queryFn: () => get<ProblemPage>('/api/problems', f) });
  const depts = useQuery({
    queryKey: ['problem-depts'],
    queryFn: () => get<DepartmentList>('/api/problems/departments'),
  });
  const raise = can('problems.raise') && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/problems/new')}>
      {tr('登记问题', 'New problem')}
    </Button>
  );
  return (
    <ListPage<ProblemItem, typeof LEDGER_DEFAULTS>
      listId="problems"
      title={tr('问题台账', 'Problem ledger')}
      list={list}
      data={page.data}
      loading={page.isFetching}
      columns={problemColumns(tr)}
      table={{ mobileCard: problemCard(tr) }}
      rowKey="id"
      search={{ name: 'q', placeholder: tr('问题描述或编号', 'Text or number'), width: 220 }}
      fields={[
        {
          name: 'status',
          label: tr('状态', 'Status'),
          multiple: true,
          input: (
            <Select
              mode="multiple"
              maxTagCount="responsive"
              allowClear
              placeholder={tr('状态', 'Status')}
              style={{ width: 180 }}
              options={Object.entries(PROBLEM_STATUS_LABELS).map(([value, s]) => ({ value, label: tr(s.zh, s.en) }))}
            />
          ),
        },
        {
          name: 'category',
          label: tr('类别', 'Category'),
          input: (
            <Select
              allowClear
              placeholder={tr('类别', 'Category')}
              style={{ width: 150 }}
              options={PROBLEM_CATEGORIES.map((c) => ({ value: c.code, label: lang === 'zh' ? c.zh : c.en }))}
            />
          ),
        },
        {
          name: 'deptId',
          label: tr('责任单位', 'Department'),
          input: (
            <Select
              allowClear
              placeholder={tr('责任单位', 'Department')}
              style={{ width: 180 }}
              options={(depts.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          ),
        },
        {
          name: 'source',
          label: tr('来源', 'Source'),
          input: (
            <Select
              allowClear
              placeholder={tr('来源', 'Source')}
              style={{ width: 130 }}
              options={Object.entries(PROBLEM_SOURCE_LABELS).map(([value, s]) => ({ value, label: tr(s.zh, s.en) }))}
            />
          ),
        },
        {
          name: 'overdue',
          label: tr('是否逾期', 'Overdue?'),
          input: (
            <Select
              allowClear
              placeholder={tr('是否逾期', 'Overdue?')}
              style={{ width: 130 }}
              options={[
                { value: 'true', label: tr('逾期未办结', 'Overdue') },
                { value: 'false', label: tr('未逾期', 'Not overdue') },
              ]}
            />
          ),
        },
      ]}
      exportPath={can('problems.stats') ? '/api/problems/export' : undefined}
      onExport={exportHandler('problems', page.data?.total ?? 0)}
      exportTestId="ledger-export"
      exportLabel={tr('导出台账 Excel', 'Export Excel')}
      actions={raise}
      empty={{
        text: can('problems.raise')
          ? tr('暂无问题。可点「登记问题」提出', 'No problems yet. Use "New problem" to raise one')
          : tr('暂无问题。企业可在「我的问题」中登记问题提出', 'No problems yet. Firms raise them under "My problems"'),
        action: raise || undefined,
      }}
    />
  );
}
