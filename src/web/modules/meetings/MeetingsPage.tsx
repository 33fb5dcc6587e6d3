import { useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import { Table } from '../../components/DataTable.js';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { ApiError, get, post } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import type { ProblemPage } from '../problems/api.js';
import { MeetingDetail } from './MeetingDetail.js';
import type { MeetingPage, MeetingRow, MeetingView } from '../../../shared/api/meetings.js';

/** 党政企联席会议: the record of each meeting, the problems it took up and what it decided. */
export default function MeetingsPage() {
  const { tr } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [f, setF] = useUrlState({ page: 1, pageSize: 20, open: undefined as number | undefined });
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['meetings', f.page, f.pageSize],
    queryFn: () => get<MeetingPage>('/api/meetings', { page: f.page, pageSize: f.pageSize }),
  });
  const openProblems = useQuery({
    queryKey: ['problems', 'open-for-meeting'],
    enabled: creating,
    queryFn: () =>
      get<ProblemPage>('/api/problems', {
        status: 'submitted,accepted,returned,dispatched,in_progress,answered,fed_back',
        pageSize: 200,
      }),
  });
  const create = useMutation({
    mutationFn: (v: {
      heldOn: Dayjs;
      subject: string;
      place?: string;
      host?: string;
      summary?: string;
      attendees: Array<{ unitName: string; people: string }>;
      problemIds?: number[];
    }) => post<MeetingView>('/api/meetings', { ...v, heldOn: v.heldOn.format('YYYY-MM-DD') }),
    onSuccess: (m) => {
      setCreating(false);
      void qc.invalidateQueries({ queryKey: ['meetings'] });
      setF({ open: m.id });
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Card
      title={tr('党政企联席会议', 'Joint meetings')}
      extra={
        can('meetings.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-new">
            {tr('记录会议', 'Record a meeting')}
          </Button>
        )
      }
    >
      <Table<MeetingRow>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.data ?? []}
        locale={{
          emptyText: tr('还没有会议记录；开过联席会议后点「记录会议」', 'No meetings yet; record one after it is held'),
        }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setF({ page, pageSize }),
        }}
        onRow={(m) => ({ onClick: () => setF({ open: m.id }), style: { cursor: 'pointer' } })}
        columns={[
          { title: tr('日期', 'Date'), dataIndex: 'heldOn', width: 120 },
          { title: tr('会议', 'Meeting'), dataIndex: 'title' },
          { title: tr('地点', 'Place'), dataIndex: 'place', responsive: ['md'] },
          { title: tr('参会单位', 'Organisations'), dataIndex: 'attendees', width: 100 },
          { title: tr('研究问题', 'Problems'), dataIndex: 'problems', width: 100 },
          { title: tr('决定', 'Decisions'), dataIndex: 'decisions', width: 80 },
        ]}
      />
      <Drawer
        open={creating}
        onClose={() => setCreating(false)}
        size="large"
        destroyOnHidden
        title={tr('记录联席会议', 'Record a joint meeting')}
      >
        <Form
          layout="vertical"
          onFinish={(v) => create.mutate(v as Parameters<typeof create.mutate>[0])}
          initialValues={{ attendees: [{ unitName: '', people: '' }] }}
        >
          <Form.Item name="heldOn" label={tr('会议日期', 'Date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="subject" label={tr('会议名称', 'Title')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="place" label={tr('地点', 'Place')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="host" label={tr('主持人', 'Chair')}>
              <Input maxLength={50} />
            </Form.Item>
          </Space>
          <Form.List name="attendees">
            {(fields, { add, remove }) => (
              <Form.Item label={tr('参会单位及人员', 'Attendees by organisation')}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item
                      name={[field.name, 'unitName']}
                      rules={[{ required: true, message: tr('单位', 'Unit') }]}
                    >
                      <Input placeholder={tr('单位（党委/部门/企业）', 'Organisation')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'people']}>
                      <Input placeholder={tr('参会人员', 'People')} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ unitName: '', people: '' })} icon={<PlusOutlined />}>
                  {tr('添加单位', 'Add organisation')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="problemIds" label={tr('研究的问题', 'Problems discussed')}>
            <Select
              mode="multiple"
              showSearch={{ filterOption: (i, o) => String(o?.label ?? '').includes(i) }}
              options={(openProblems.data?.data ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))}
            />
          </Form.Item>
          <Form.Item name="summary" label={tr('会议纪要', 'Minutes')}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {tr('保存', 'Save')}
          </Button>
        </Form>
      </Drawer>
      <MeetingDetail id={f.open} onClose={() => setF({ open: undefined })} />
    </Card>
  );
}
