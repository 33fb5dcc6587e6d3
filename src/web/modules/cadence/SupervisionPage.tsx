import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, List, Modal, Row, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, get, patch, post } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { ProjectPicker } from './ProjectPicker.js';
import type { FindingView as Finding, VisitDetail, VisitPage } from '../../../shared/api/supervision.js';

/** 季督办: visits of the supervision group and the findings per project (each can become a problem-ledger entry). */
export default function SupervisionPage() {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const write = can('supervision.write');
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const visits = useQuery({
    queryKey: ['visits', lang],
    queryFn: () => get<VisitPage>('/api/supervision/visits', { pageSize: 50 }),
  });
  const visit = useQuery({
    queryKey: ['visit', selected, lang],
    enabled: selected !== null,
    queryFn: () => get<VisitDetail>(`/api/supervision/visits/${selected}`),
  });
  const refresh = () => {
    setError(null);
    void qc.invalidateQueries({ queryKey: ['visits'] });
    void qc.invalidateQueries({ queryKey: ['visit'] });
  };
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : String(e));
  const create = useMutation({
    mutationFn: (v: { groupName: string; visitedOn: Dayjs; members?: string; summary?: string }) =>
      post<VisitDetail>('/api/supervision/visits', { ...v, visitedOn: v.visitedOn.format('YYYY-MM-DD') }),
    onSuccess: (v) => (refresh(), setCreating(false), setSelected(v.id)),
    onError: fail,
  });
  const add = useMutation({
    mutationFn: (v: { projectId: number; description: string }) =>
      post(`/api/supervision/visits/${selected}/findings`, v),
    onSuccess: refresh,
    onError: fail,
  });
  const resolve = useMutation({
    mutationFn: (v: { id: number; resolution: string }) =>
      patch(`/api/supervision/findings/${v.id}`, { status: 'resolved', resolution: v.resolution }),
    onSuccess: refresh,
    onError: fail,
  });
  const askResolve = (f: Finding) => {
    let text = '';
    modal.confirm({
      title: tr('标记整改完成', 'Mark resolved'),
      content: (
        <Input.TextArea
          rows={3}
          placeholder={tr('整改情况（必填）', 'How it was resolved (required)')}
          onChange={(e) => (text = e.target.value)}
        />
      ),
      onOk: () => resolve.mutateAsync({ id: f.id, resolution: text }),
    });
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9}>
        <Card
          title={tr('季督办记录', 'Supervision visits')}
          extra={
            write && (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {tr('登记督办', 'Record a visit')}
              </Button>
            )
          }
        >
          <List
            loading={visits.isFetching}
            dataSource={visits.data?.data ?? []}
            locale={{ emptyText: tr('尚无督办记录；督导组每季度登记一次', 'No visits yet') }}
            renderItem={(v) => (
              <List.Item
                onClick={() => setSelected(v.id)}
                style={{ cursor: 'pointer', background: v.id === selected ? '#fff1f0' : undefined }}
              >
                <List.Item.Meta
                  title={`${v.quarter} · ${v.groupName}`}
                  description={`${v.visitedOn} · ${tr(`发现 ${v.findings ?? 0} 项，待整改 ${v.openFindings ?? 0} 项`, `${v.findings ?? 0} findings, ${v.openFindings ?? 0} open`)}`}
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        <Card
          title={
            visit.data
              ? `${visit.data.quarter} ${visit.data.groupName}（${visit.data.visitedOn}）`
              : tr('选择左侧督办记录', 'Pick a visit')
          }
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {visit.data && (
            <>
              {visit.data.members && (
                <Typography.Paragraph>
                  {tr('督导组成员', 'Members')}：{visit.data.members}
                </Typography.Paragraph>
              )}
              {visit.data.summary && <Typography.Paragraph type="secondary">{visit.data.summary}</Typography.Paragraph>}
              <List
                dataSource={visit.data.findings}
                locale={{ emptyText: tr('暂无发现', 'No findings') }}
                renderItem={(f) => (
                  <List.Item
                    actions={
                      write && f.status === 'open'
                        ? [
                            <Button key="r" type="link" onClick={() => askResolve(f)}>
                              {tr('整改完成', 'Resolved')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <Link to={`/projects/${f.project.id}`}>{f.project.name}</Link>
                          <Tag color={f.status === 'open' ? 'orange' : 'green'}>
                            {f.status === 'open' ? tr('待整改', 'Open') : tr('已整改', 'Resolved')}
                          </Tag>
                          {f.problemId && <Tag>{tr(`问题台账 #${f.problemId}`, `Problem #${f.problemId}`)}</Tag>}
                        </Space>
                      }
                      description={
                        <>
                          {f.description}
                          {f.resolution && (
                            <div>
                              {tr('整改情况', 'Resolution')}：{f.resolution}
                            </div>
                          )}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
              {write && (
                <Form
                  layout="vertical"
                  onFinish={(v: { projectId: number; description: string }) => add.mutate(v)}
                  style={{ marginTop: 12 }}
                >
                  <Form.Item name="projectId" label={tr('项目', 'Project')} rules={[{ required: true }]}>
                    <ProjectPicker />
                  </Form.Item>
                  <Form.Item
                    name="description"
                    label={tr('发现的问题', 'Finding')}
                    rules={[{ required: true, min: 4 }]}
                  >
                    <Input.TextArea rows={2} maxLength={500} />
                  </Form.Item>
                  <Button htmlType="submit" loading={add.isPending}>
                    {tr('记录发现', 'Record finding')}
                  </Button>
                </Form>
              )}
            </>
          )}
        </Card>
      </Col>
      <Modal
        open={creating}
        title={tr('登记季督办', 'Record a visit')}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          onFinish={(v: { groupName: string; visitedOn: Dayjs; members?: string; summary?: string }) =>
            create.mutate(v)
          }
          initialValues={{ groupName: '党建引领项目攻坚督导组' }}
        >
          <Form.Item name="groupName" label={tr('督导组', 'Group')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="visitedOn" label={tr('督办日期', 'Date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="members" label={tr('成员', 'Members')}>
            <Input />
          </Form.Item>
          <Form.Item name="summary" label={tr('督办小结', 'Summary')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {tr('保存', 'Save')}
          </Button>
        </Form>
      </Modal>
    </Row>
  );
}
