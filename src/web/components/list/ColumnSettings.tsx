import { useCallback, useState } from 'react';
import { Button, Checkbox, Popover, Space, Tooltip } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { columnId, columnSettingsKey, readHidden, writeHidden, type KeyedColumn } from './column-settings.js';

/** The hidden column ids of one list for the signed-in user, saved in localStorage as they change. */
export function useHiddenColumns(listId: string): [string[], (hidden: string[]) => void] {
  const { me } = useAuth();
  const key = columnSettingsKey(me?.user.id ?? 'anon', listId);
  const [state, setState] = useState<{ key: string; hidden: string[] }>(() => ({
    key,
    hidden: readHidden(localStorage, key),
  }));
  // another user on the same tab (after a re-login) reads his own settings
  const hidden = state.key === key ? state.hidden : readHidden(localStorage, key);
  const save = useCallback(
    (next: string[]) => {
      writeHidden(localStorage, key, next);
      setState({ key, hidden: next });
    },
    [key],
  );
  return [hidden, save];
}

/** 列设置: a checkbox per column (those fixed at the side always show), and 恢复默认. */
export function ColumnSettings({
  columns,
  hidden,
  onChange,
}: {
  columns: readonly (KeyedColumn & { title?: unknown; fixed?: unknown })[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}) {
  const { tr } = useI18n();
  const items = columns
    .map((c) => ({ id: columnId(c), title: c.title, locked: Boolean(c.fixed) }))
    .filter(
      (c): c is { id: string; title: unknown; locked: boolean } => c.id !== undefined && typeof c.title !== 'function',
    );
  const content = (
    <Space direction="vertical" size={4} data-testid="column-settings-panel">
      {items.map((c) => (
        <Checkbox
          key={c.id}
          checked={!hidden.includes(c.id)}
          disabled={c.locked}
          onChange={(e) => onChange(e.target.checked ? hidden.filter((h) => h !== c.id) : [...hidden, c.id])}
        >
          {c.title as ReactNode}
        </Checkbox>
      ))}
      <Button type="link" size="small" onClick={() => onChange([])} style={{ paddingInline: 0 }}>
        {tr('恢复默认', 'Show all')}
      </Button>
    </Space>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight" title={tr('显示的列', 'Columns shown')}>
      <Tooltip title={tr('列设置', 'Columns')}>
        <Button icon={<SettingOutlined />} aria-label={tr('列设置', 'Columns')} data-testid="column-settings" />
      </Tooltip>
    </Popover>
  );
}
