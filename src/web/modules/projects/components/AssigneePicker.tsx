import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../app/api.js';
import { useI18n } from '../../../app/i18n.js';
import type { ResponseOf } from '../../../../shared/api/contract.js';
import type { projectsApi } from '../../../../shared/api/projects.js';

type AssigneeList = ResponseOf<typeof projectsApi, 'GET /api/projects/assignees'>;

/** Picks a person of the region holding a role (包联领导, 项目专员) — name or pinyin initials. */
export function AssigneePicker(props: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  role?: string;
  testId?: string;
  initial?: { id: number; name: string } | null;
}) {
  const { tr } = useI18n();
  const [q, setQ] = useState('');
  const opts = useQuery({
    queryKey: ['assignees', props.role, q],
    queryFn: () => get<AssigneeList>('/api/projects/assignees', { role: props.role, q }),
  });
  const list = opts.data?.data ?? [];
  const options = list.map((p) => ({ value: p.id, label: `${p.name}（${p.title ?? p.unit}）` }));
  if (props.initial && !list.some((p) => p.id === props.initial?.id))
    options.unshift({ value: props.initial.id, label: props.initial.name });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={props.value ?? undefined}
      onChange={(v: number | undefined) => props.onChange?.(v ?? null)}
      placeholder={tr('输入姓名或拼音首字母', 'Type a name or pinyin initials')}
      loading={opts.isFetching}
      data-testid={props.testId}
      options={options}
    />
  );
}
