import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, del, get, post, put } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { calendarSourceLabel } from '../../../shared/labels.js';
import { serverToday } from '../../app/server-clock.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import { YearGrid, type DayException } from './YearGrid.js';
import { WorkingDayCalculator } from './WorkingDayCalculator.js';
import { NoticeImport } from './NoticeImport.js';
import type { ImportResult, YearDetail, YearList } from '../../../shared/api/calendar.js';

/** 工作日历 (system administrator): the official holidays and 调休 days by year; the table is the truth. */
export default function CalendarPage() {
  const { tr } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const thisYear = Number(serverToday().slice(0, 4));
  // On a phone the controls go in the card's body: in the header they squeeze the title out.
  const narrow = !Grid.useBreakpoint().md;
  const years = useQuery({ queryKey: ['cal-years'], queryFn: () => get<YearList>('/api/calendar/years') });
  const [year, setYear] = useState<number>(thisYear);
  const loaded = years.data?.data.find((y) => y.year === year);
  const detail = useQuery({
    queryKey: ['cal-year', year],
    enabled: Boolean(loaded),
    queryFn: () => get<YearDetail>(`/api/calendar/years/${year}`),
  });
  const [draft, setDraft] = useState<Map<string, DayException>>(new Map());
  const [dirty, setDirty] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ kind: 'default' | 'holiday' | 'workday'; name: string }>();

  useEffect(() => {
    setDraft(new Map((loaded ? (detail.data?.days ?? []) : []).map((d) => [d.date, d])));
    setDirty(false);
    setError(null);
  }, [detail.data, loaded, year]);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['cal-years'] });
    void qc.invalidateQueries({ queryKey: ['cal-year'] });
  };
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : String(e));
  const save = useMutation({
    mutationFn: () =>
      put(`/api/calendar/years/${year}`, { days: [...draft.values()].sort((a, b) => a.date.localeCompare(b.date)) }),
    onSuccess: () => (void message.success(tr(`${year} 年日历已保存`, `${year} saved`)), refresh()),
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: () => del(`/api/calendar/years/${year}`),
    onSuccess: refresh,
    onError: fail,
  });
  const importFile = useMutation({
    mutationFn: async (file: File) =>
      post<ImportResult>('/api/calendar/import', {
        format: file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'json',
        content: await file.text(),
      }),
    onSuccess: (r) => (
      void message.success(tr(`已导入 ${r.year} 年：${r.days} 个特殊日期`, `Imported ${r.year}: ${r.days} dates`)),
      setYear(r.year),
      refresh()
    ),
    onError: fail,
  });

  const options = useMemo(() => {
    const set = new Set([...(years.data?.data ?? []).map((y) => y.year), thisYear, thisYear + 1, year]);
    return [...set].sort().map((y) => ({
      value: y,
      label: `${y}${(years.data?.data ?? []).some((x) => x.year === y) ? '' : tr('（未导入）', ' (not loaded)')}`,
    }));
  }, [years.data, thisYear, year, tr]);

  const missing = [thisYear, thisYear + 1].filter((y) => years.data && !years.data.data.some((x) => x.year === y));
  const openDay = (date: string) => {
    const ex = draft.get(date);
    form.setFieldsValue({ kind: ex?.kind ?? 'default', name: ex?.name ?? '' });
    setPicked(date);
  };
  const applyDay = async () => {
    const v = await form.validateFields();
    const next = new Map(draft);
    if (v.kind === 'default' && picked) next.delete(picked);
    else if (picked) next.set(picked, { date: picked, kind: v.kind as 'holiday' | 'workday', name: v.name.trim() });
    setDraft(next);
    setDirty(true);
    setPicked(null);
  };

  const controls = (
    <Space wrap>
      <Select value={year} onChange={setYear} options={options} style={{ width: 150 }} data-testid="cal-year" />
      <InputNumber
        data-testid="cal-other-year"
        placeholder={tr('其他年份', 'Other year')}
        min={2000}
        max={2100}
        onPressEnter={(e) => setYear(Number((e.target as HTMLInputElement).value))}
        style={{ width: 110 }}
      />
      <Upload accept=".json,.csv" showUploadList={false} beforeUpload={(file) => (importFile.mutate(file), false)}>
        <Button icon={<UploadOutlined />} loading={importFile.isPending}>
          {tr('从文件导入（JSON/CSV）', 'Import JSON/CSV')}
        </Button>
      </Upload>
      {loaded && (
        <Popconfirm
          title={tr(
            `删除 ${year} 年日历后，涉及该年的期限将暂按周末计算。确定删除？`,
            `Deadlines in ${year} will count weekends only. Delete?`,
          )}
          onConfirm={() => remove.mutate()}
        >
          <Button danger>{tr('删除该年', 'Delete year')}</Button>
        </Popconfirm>
      )}
      <Button
        type="primary"
        disabled={!dirty}
        loading={save.isPending}
        onClick={() => save.mutate()}
        data-testid="cal-save"
      >
        {tr('保存修改', 'Save changes')}
      </Button>
    </Space>
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={tr(
            `${missing.join('、')} 年节假日安排未导入：落在这些年份的期限暂按周末计算（暂定），请在国务院办公厅通知发布后粘贴导入`,
            `Not loaded: ${missing.join(', ')}. Deadlines in those years are provisional (weekends only) until loaded.`,
          )}
          action={
            <Button
              size="small"
              onClick={() => document.getElementById('notice-import')?.scrollIntoView({ behavior: 'smooth' })}
              data-testid="cal-go-notice"
            >
              {tr('粘贴通知导入', 'Paste the notice')}
            </Button>
          }
        />
      )}
      <Card title={tr('工作日历', 'Working-day calendar')} extra={narrow ? undefined : controls}>
        {narrow && <div style={{ marginBottom: 12 }}>{controls}</div>}
        {error && (
          <Alert type="error" showIcon closable title={error} style={{ marginBottom: 12 }} data-testid="cal-error" />
        )}
        <Typography.Paragraph type="secondary">
          {loaded
            ? tr(
                `${year} 年：${loaded.holidays} 天法定节假日，${loaded.workdays} 天调休上班；来源：${calendarSourceLabel(loaded.source).zh}，更新于 ${formatDateTimeChina(loaded.updatedAt)}。点击日期可修改。`,
                `${year}: ${loaded.holidays} holidays, ${loaded.workdays} make-up days; source: ${calendarSourceLabel(loaded.source).en}. Click a date to edit.`,
              )
            : tr(
                `${year} 年尚未导入。可从文件导入，或逐日标注节假日与调休上班日后保存。`,
                `${year} is not loaded: import a file, or mark the days and save.`,
              )}
          {dirty && <Typography.Text type="warning">{tr('  有未保存的修改。', '  Unsaved changes.')}</Typography.Text>}
        </Typography.Paragraph>
        <YearGrid year={year} days={draft} onPick={openDay} />
      </Card>
      <NoticeImport onLoaded={(y) => (setYear(y), refresh())} />
      <WorkingDayCalculator />
      <Modal
        open={Boolean(picked)}
        title={picked}
        onCancel={() => setPicked(null)}
        onOk={() => void applyDay()}
        okText={tr('确定', 'OK')}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={tr('类型', 'Type')}>
            <Radio.Group>
              <Radio value="default">{tr('按周一至周五上班', 'Default (Mon–Fri work)')}</Radio>
              <Radio value="holiday">{tr('法定节假日（休）', 'Public holiday')}</Radio>
              <Radio value="workday">{tr('调休上班（班）', 'Make-up working day')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle dependencies={['kind']}>
            {({ getFieldValue }) =>
              getFieldValue('kind') !== 'default' && (
                <Form.Item
                  name="name"
                  label={tr('节日名称', 'Holiday name')}
                  rules={[{ required: true, message: tr('请填写节日名称，如 国庆节', 'e.g. National Day') }]}
                >
                  <Input />
                </Form.Item>
              )
            }
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
