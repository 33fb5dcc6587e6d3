import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Modal } from 'antd';
import { Table } from '../../components/DataTable.js';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { ProjectPicker } from './ProjectPicker.js';
import type { EventPage, EventRow, EventView } from '../../../shared/api/observation.js';

/** 半年观摩: observation events; each has a scoring sheet and totals per visited project. */
export default function ObservationsPage() {
  const { tr } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['observations'],
    queryFn: () => get<EventPage>('/api/observations', { pageSize: 50 }),
  });
  const create = useMutation({
    mutationFn: (v: { title: string; heldOn: Dayjs; projectIds: number[] }) =>
      post<EventView>('/api/observations', { ...v, heldOn: v.heldOn.format('YYYY-MM-DD') }),
    onSuccess: (e) => {
      void qc.invalidateQueries({ queryKey: ['observations'] });
      setCreating(false);
      void navigate(`/observations/${e.id}`);
    },
  });
  return (
    <Card
      title={tr('半年观摩', 'Half-year observation')}
      extra={
        can('observation.write') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {tr('新建观摩活动', 'New event')}
          </Button>
        )
      }
    >
      <Table<EventRow>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.data ?? []}
        pagination={false}
        locale={{ emptyText: tr('尚无观摩活动', 'No events yet') }}
        columns={[
          { title: tr('活动', 'Event'), render: (_, e) => <Link to={`/observations/${e.id}`}>{e.title}</Link> },
          { title: tr('半年', 'Half'), dataIndex: 'half', width: 100 },
          { title: tr('日期', 'Date'), dataIndex: 'heldOn', width: 120 },
          { title: tr('观摩项目', 'Projects'), dataIndex: 'projects', width: 100 },
        ]}
      />
      <Modal
        open={creating}
        title={tr('新建观摩活动（使用默认评分表，评分前可修改）', 'New event (default sheet, editable before scoring)')}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
        width={640}
      >
        {create.error && (
          <Alert
            type="error"
            showIcon
            title={create.error instanceof ApiError ? create.error.message : String(create.error)}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form
          layout="vertical"
          onFinish={(v: { title: string; heldOn: Dayjs; projectIds: number[] }) => create.mutate(v)}
        >
          <Form.Item name="title" label={tr('活动名称', 'Title')} rules={[{ required: true }]}>
            <Input placeholder={tr('如：2026年下半年重点项目观摩', 'e.g. H2 2026 observation')} />
          </Form.Item>
          <Form.Item name="heldOn" label={tr('观摩日期', 'Date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="projectIds" label={tr('观摩项目', 'Projects')} rules={[{ required: true }]}>
            <ProjectPicker multiple />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {tr('创建', 'Create')}
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}
