import { App, Card, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Table } from '../../components/DataTable.js';
import { ApiError, get, put } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import type { CategoryRoute, DepartmentList } from './api.js';

/** 类别 → 承办部门: the routing table 组织部 keeps; the 交办 form preselects the department it names. */
export function CategoryRoutesCard() {
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const routes = useQuery({
    queryKey: ['problem-routes'],
    queryFn: () => get<{ data: CategoryRoute[] }>('/api/problems/routes'),
  });
  const depts = useQuery({
    queryKey: ['problem-depts'],
    queryFn: () => get<DepartmentList>('/api/problems/departments'),
  });
  const save = useMutation({
    mutationFn: ({ code, deptId }: { code: string; deptId: number | null }) =>
      put<{ data: CategoryRoute[] }>(`/api/problems/routes/${code}`, { deptId }),
    onSuccess: (r) => (
      qc.setQueryData(['problem-routes'], r),
      void message.success(tr('已保存，之后交办时按此建议承办部门', 'Saved; dispatches will suggest this department'))
    ),
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const options = (depts.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  return (
    <Card title={tr('类别 → 承办部门', 'Category → handling department')} data-testid="category-routes">
      <Typography.Paragraph type="secondary">
        {tr(
          '交办时按此表预选主办单位（显示“按路由表建议”），交办人可以改选。',
          'When dispatching, the lead department is preselected from this table (“suggested by routing”); it can be changed.',
        )}
      </Typography.Paragraph>
      <Table<CategoryRoute>
        rowKey="code"
        size="small"
        pagination={false}
        loading={routes.isLoading}
        dataSource={routes.data?.data ?? []}
        columns={[
          { title: tr('类别', 'Category'), render: (_, c) => (lang === 'zh' ? c.zh : c.en) },
          {
            title: tr('承办部门', 'Department'),
            render: (_, c) => (
              <Select
                allowClear
                style={{ minWidth: 200, width: '100%' }}
                placeholder={tr('未设置', 'Not set')}
                value={c.dept?.id}
                options={
                  c.dept && !options.some((o) => o.value === c.dept?.id)
                    ? [...options, { value: c.dept.id, label: c.dept.name }]
                    : options
                }
                data-testid={`route-${c.code}`}
                disabled={save.isPending}
                onChange={(v: number | undefined) => save.mutate({ code: c.code, deptId: v ?? null })}
              />
            ),
          },
          {
            title: tr('更新时间', 'Updated'),
            render: (_, c) => (c.updatedAt ? formatDateTimeChina(c.updatedAt) : '—'),
          },
        ]}
      />
    </Card>
  );
}
