import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Space, Tag, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useMutation } from '@tanstack/react-query';
import { ApiError, post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { YearGrid } from './YearGrid.js';
import type { NoticeLoaded, NoticePreview as Preview } from '../../../shared/api/calendar.js';

/** 2027-02-05 → 2月5日 (the preview's title names the year), never broken inside a date on a phone. */
const md = (date: string) => (
  <span style={{ whiteSpace: 'nowrap' }}>{`${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`}</span>
);

const span = (dates: string[]) =>
  dates.length === 0 ? (
    '—'
  ) : dates.length === 1 ? (
    md(dates[0]!)
  ) : (
    <>
      {md(dates[0]!)}至{md(dates[dates.length - 1]!)}
      <span style={{ whiteSpace: 'nowrap' }}>（{dates.length} 天）</span>
    </>
  );

const list = (dates: string[]) =>
  dates.length === 0
    ? '—'
    : dates.map((d, i) => (
        <span key={d}>
          {i > 0 && '、'}
          {md(d)}
        </span>
      ));

/**
 * 粘贴通知导入: the administrator pastes the State Council notice, sees it as a calendar (休 / 班),
 * and confirms; loading recomputes every provisional (暂定) deadline and tells the people concerned.
 */
export function NoticeImport({ onLoaded }: { onLoaded: (year: number) => void }) {
  const { tr } = useI18n();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : String(e));
  const parse = useMutation({
    mutationFn: () => post<Preview>('/api/calendar/notice/preview', { text }),
    onSuccess: (p) => (setPreview(p), setError(null)),
    onError: (e) => (setPreview(null), fail(e)),
  });
  const load = useMutation({
    mutationFn: () => post<NoticeLoaded>('/api/calendar/notice', { text }),
    onSuccess: (r) => {
      const moved = Object.values(r.recomputed).reduce((n, x) => n + x.moved.length, 0);
      void message.success(
        tr(
          `已导入 ${r.year} 年节假日安排，${moved} 项暂定期限已重新计算`,
          `Loaded ${r.year}; ${moved} deadlines moved`,
        ),
      );
      setPreview(null);
      setText('');
      onLoaded(r.year);
    },
    onError: fail,
  });
  const confirm = () =>
    preview &&
    Modal.confirm({
      title: tr(`确认导入 ${preview.year} 年节假日安排？`, `Load the ${preview.year} schedule?`),
      content: tr(
        `${preview.loaded ? `将替换已导入的 ${preview.year} 年日历。` : ''}导入后，所有暂定期限（问题、审批、三同步任务、预警）将按新日历重新计算，期限变动的人员会收到通知。`,
        'Every provisional deadline will be recomputed and the people whose deadlines move will be notified.',
      ),
      okText: tr('确认导入', 'Load'),
      cancelText: tr('取消', 'Cancel'),
      onOk: () => load.mutateAsync(),
    });

  return (
    <Card
      title={tr('粘贴国务院办公厅通知导入', 'Load from the State Council notice')}
      data-testid="notice-card"
      id="notice-import"
    >
      <Typography.Paragraph type="secondary">
        {tr(
          '将“国务院办公厅关于某年部分节假日安排的通知”全文粘贴到下方（含标题），点击预览核对后确认导入。',
          'Paste the whole notice (with its title), preview, then confirm.',
        )}
      </Typography.Paragraph>
      <Input.TextArea
        rows={8}
        value={text}
        onChange={(e) => (setText(e.target.value), setPreview(null))}
        placeholder={'国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：……\n二、春节：……'}
        data-testid="notice-text"
        aria-label={tr('通知全文', 'Notice text')}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button
          onClick={() => parse.mutate()}
          disabled={!text.trim()}
          loading={parse.isPending}
          data-testid="notice-preview"
        >
          {tr('预览', 'Preview')}
        </Button>
        <Button
          type="primary"
          disabled={!preview}
          loading={load.isPending}
          onClick={confirm}
          data-testid="notice-confirm"
        >
          {tr('确认导入', 'Load')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="notice-error" />}
      {preview && (
        <div style={{ marginTop: 16 }} data-testid="notice-preview-result">
          <Typography.Title level={5}>
            {tr(`${preview.year} 年预览`, `${preview.year} preview`)}
            {preview.loaded && (
              <Tag color="orange" style={{ marginLeft: 8 }}>
                {tr('将替换已导入的数据', 'Replaces the loaded year')}
              </Tag>
            )}
          </Typography.Title>
          <Table
            size="small"
            rowKey="line"
            pagination={false}
            scroll={{ x: true }}
            dataSource={preview.items}
            columns={[
              {
                title: tr('节日', 'Holiday'),
                dataIndex: 'name',
                render: (name: string) => <span style={{ whiteSpace: 'nowrap' }}>{name}</span>,
              },
              { title: tr('放假', 'Days off'), render: (_: unknown, i) => span(i.holidays) },
              {
                title: tr('调休上班', 'Make-up working days'),
                render: (_: unknown, i) => list(i.workdays),
              },
            ]}
          />
          <div style={{ marginTop: 12 }}>
            <YearGrid
              year={preview.year}
              days={new Map(preview.days.map((d) => [d.date, d]))}
              onPick={() => undefined}
            />
          </div>
        </div>
      )}
    </Card>
  );
}
