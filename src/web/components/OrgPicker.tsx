import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get } from '../app/api.js';
import { useI18n } from '../app/i18n.js';
import type { OrgOptions } from '../../shared/api/orgs.js';

/** Picks a unit of the organisation tree inside the user's scope; search by name or pinyin initials. */
export function OrgPicker(props: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  kinds?: string[];
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  disabled?: boolean;
}) {
  const { tr } = useI18n();
  const [q, setQ] = useState('');
  const opts = useQuery({
    queryKey: ['org-options', q, props.kinds],
    queryFn: () => get<OrgOptions>('/api/orgs/options', { q, kind: props.kinds, limit: 100 }),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear={props.allowClear ?? true}
      disabled={props.disabled}
      value={props.value}
      onChange={(v: number | undefined) => props.onChange?.(v)}
      placeholder={props.placeholder ?? tr('输入名称或拼音首字母', 'Type a name or pinyin initials')}
      loading={opts.isFetching}
      data-testid={props.testId}
      options={(opts.data?.data ?? []).map((o) => ({
        value: o.id,
        label: `${'　'.repeat(Math.min(o.depth, 4))}${o.name}`,
      }))}
    />
  );
}
