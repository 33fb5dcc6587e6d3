import { useEffect, useState, type ReactNode } from 'react';
import { Badge, Button, Form, Grid, Input, Space } from 'antd';
import { FilterOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n.js';
import { splitList, toUrlValue, type UrlValue } from './list-state.js';

export interface QueryField {
  /** The URL and API key. */
  name: string;
  /** A select, a picker …: the form item binds value/onChange. A field applies as soon as it changes. */
  input: ReactNode;
  label?: string;
  /** Several values (a multiple select): an array in the form, joined by "," in the URL and the API. */
  multiple?: boolean;
  /** Typed text: applies on Enter or 查询, not at each keystroke. */
  text?: boolean;
}

export interface QuerySearch {
  name: string;
  placeholder: string;
  testId?: string;
  width?: number;
}

/**
 * The query form (查询表单) above a list: a search box and the page's filters, 查询 and 重置. A picked option
 * applies at once; typed text applies on Enter or 查询. On a phone only the search box shows, the rest folds
 * behind 筛选 (with the number of filters in force).
 */
export function QueryForm({
  search,
  fields,
  values,
  active,
  onApply,
  onReset,
}: {
  search?: QuerySearch;
  fields: QueryField[];
  values: Record<string, UrlValue>;
  active: number;
  onApply: (patch: Record<string, UrlValue>) => void;
  onReset: () => void;
}) {
  const { tr } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const phone = !Grid.useBreakpoint().md;
  const [open, setOpen] = useState(false);
  const names = [...(search ? [search.name] : []), ...fields.map((f) => f.name)];
  const typed = new Set([...(search ? [search.name] : []), ...fields.filter((f) => f.text).map((f) => f.name)]);
  const multiple = new Set(fields.filter((f) => f.multiple).map((f) => f.name));
  const shown = JSON.stringify(names.map((n) => values[n]));
  // back/forward or a link changes the URL: the form shows what the list is filtered by
  useEffect(() => {
    form.setFieldsValue(Object.fromEntries(names.map((n) => [n, multiple.has(n) ? splitList(values[n]) : values[n]])));
  }, [shown]); // eslint-disable-line react-hooks/exhaustive-deps

  const apply = () => {
    const v: Record<string, unknown> = form.getFieldsValue();
    onApply(Object.fromEntries(names.map((n) => [n, toUrlValue(v[n])])));
  };
  const showFields = !phone || open;
  return (
    <Form
      form={form}
      layout={phone ? 'vertical' : 'inline'}
      onFinish={apply}
      onValuesChange={(changed: Record<string, unknown>) => {
        if (Object.keys(changed).some((k) => !typed.has(k))) apply();
      }}
      style={{ marginBottom: 16, rowGap: 8 }}
      data-testid="query-form"
    >
      {search && (
        <Form.Item name={search.name} style={phone ? { marginBottom: 8 } : undefined}>
          <Input.Search
            allowClear
            placeholder={search.placeholder}
            onSearch={apply}
            style={{ width: phone ? '100%' : (search.width ?? 240) }}
            data-testid={search.testId}
          />
        </Form.Item>
      )}
      {showFields &&
        fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={phone ? f.label : undefined}
            style={phone ? { marginBottom: 8 } : undefined}
          >
            {f.input}
          </Form.Item>
        ))}
      <Form.Item style={{ marginInlineEnd: 0 }}>
        <Space wrap>
          {phone && fields.length > 0 && (
            <Badge count={active} size="small">
              <Button icon={<FilterOutlined />} onClick={() => setOpen(!open)} data-testid="query-toggle">
                {open ? tr('收起', 'Less') : tr('筛选', 'Filters')}
              </Button>
            </Badge>
          )}
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="query-submit">
            {tr('查询', 'Search')}
          </Button>
          <Button icon={<UndoOutlined />} onClick={onReset} data-testid="query-reset">
            {tr('重置', 'Reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
