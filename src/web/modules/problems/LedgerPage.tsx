import { Button, Card, Input, Select, Space } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { download, get } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { PROBLEM_CATEGORIES } from '../../../shared/problem-categories.js';
import { PROBLEM_SOURCE_LABELS, PROBLEM_STATUS_LABELS } from '../../../shared/problem-labels.js';
import { LEDGER_DEFAULTS, type DepartmentList, type ProblemPage } from './api.js';
import { ProblemTable } from './ProblemTable.js';

/** 问题台账: every problem in scope with filters in the URL and the Excel ledger export. */
export default function LedgerPage() {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [f, setF] = useUrlState(LEDGER_DEFAULTS);
  const list = useQuery({ queryKey: ['problems', 'ledger', f], queryFn: () => get<ProblemPage>('/api/problems', f) });
  const depts = useQuery({
    queryKey: ['problem-depts'],
    queryFn: () => get<DepartmentList>('/api/problems/departments'),
  });
  const filters = { ...f, page: undefined, pageSize: undefined };
  return (
    <Card
      title={tr('问题台账', 'Problem ledger')}
      extra={
        <Space>
          {can('problems.stats') && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download('/api/problems/export', filters)}
              data-testid="ledger-export"
            >
              {tr('导出台账 Excel', 'Export Excel')}
            </Button>
          )}
          {can('problems.raise') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/problems/new')}>
              {tr('登记问题', 'New problem')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={f.q}
          placeholder={tr('问题描述或编号', 'Text or number')}
          onSearch={(q) => setF({ q })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={tr('状态', 'Status')}
          style={{ width: 140 }}
          value={f.status}
          onChange={(status?: string) => setF({ status })}
          options={Object.entries(PROBLEM_STATUS_LABELS).map(([value, s]) => ({ value, label: tr(s.zh, s.en) }))}
        />
        <Select
          allowClear
          placeholder={tr('类别', 'Category')}
          style={{ width: 150 }}
          value={f.category}
          onChange={(category?: string) => setF({ category })}
          options={PROBLEM_CATEGORIES.map((c) => ({ value: c.code, label: lang === 'zh' ? c.zh : c.en }))}
        />
        <Select
          allowClear
          placeholder={tr('责任单位', 'Department')}
          style={{ width: 180 }}
          value={f.deptId}
          onChange={(deptId?: number) => setF({ deptId })}
          options={(depts.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        <Select
          allowClear
          placeholder={tr('来源', 'Source')}
          style={{ width: 130 }}
          value={f.source}
          onChange={(source?: string) => setF({ source })}
          options={Object.entries(PROBLEM_SOURCE_LABELS).map(([value, s]) => ({ value, label: tr(s.zh, s.en) }))}
        />
        <Select
          allowClear
          placeholder={tr('是否逾期', 'Overdue?')}
          style={{ width: 130 }}
          value={f.overdue}
          onChange={(overdue?: string) => setF({ overdue })}
          options={[
            { value: 'true', label: tr('逾期未办结', 'Overdue') },
            { value: 'false', label: tr('未逾期', 'Not overdue') },
          ]}
        />
      </Space>
      <ProblemTable
        data={list.data}
        loading={list.isFetching}
        page={f.page}
        pageSize={f.pageSize}
        onPage={(page, pageSize) => setF({ page, pageSize })}
      />
    </Card>
  );
}
