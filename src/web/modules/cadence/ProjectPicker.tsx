import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import type { ProjectPage } from '../projects/api.js';

/** Picks visible projects by name, code or pinyin initials. */
export function ProjectPicker(props: {
  value?: number | number[];
  onChange?: (v: number | number[]) => void;
  multiple?: boolean;
}) {
  const { tr } = useI18n();
  const [q, setQ] = useState('');
  const opts = useQuery({
    queryKey: ['project-options', q],
    queryFn: () => get<ProjectPage>('/api/projects', { q, pageSize: 50, sort: 'code' }),
  });
  return (
    <Select
      mode={props.multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={(v: number | number[]) => props.onChange?.(v)}
      placeholder={tr('输入项目名称、编号或拼音首字母', 'Type a project name, code or initials')}
      loading={opts.isFetching}
      options={(opts.data?.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))}
    />
  );
}
