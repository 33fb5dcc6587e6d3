import { Button, Card, Space, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { get } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import type { ProjectDetail } from './api.js';
import type { ApprovalChart, ApprovalItem } from './approvals-api.js';

const PRINT_CSS = `@page { size: A4 portrait; margin: 15mm; } @media print { .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; } .ant-layout-content { margin: 0 !important; } }`;

/** 一单早告知: every item the firm will apply for, its department, time limit and documents — printable before it applies. */
export default function ChecklistPage() {
  const { id } = useParams();
  const { tr, lang } = useI18n();
  const project = useQuery({
    queryKey: ['project', Number(id), lang],
    queryFn: () => get<ProjectDetail>(`/api/projects/${id}`),
  });
  const chart = useQuery({
    queryKey: ['approvals', Number(id), lang],
    queryFn: () => get<ApprovalChart>(`/api/projects/${id}/approvals`),
  });
  return (
    <Card>
      <style>{PRINT_CSS}</style>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {tr('项目审批验收一次性告知单', 'Approval checklist')}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>
        {project.data?.name}（{project.data?.code}）{'\u3000'}
        {tr('一图管全程 · 一单早告知', 'one chart, one list')}
      </Typography.Paragraph>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {tr('打印', 'Print')}
        </Button>
      </Space>
      <Table<ApprovalItem>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        loading={chart.isLoading}
        dataSource={chart.data?.items ?? []}
        columns={[
          { title: tr('序号', 'No.'), width: 50, render: (_, __, i) => i + 1 },
          { title: tr('事项', 'Item'), dataIndex: 'name', width: 160 },
          {
            title: tr('办理部门', 'Department'),
            width: 140,
            render: (_, i) => i.department?.name ?? tr('待指定', 'TBD'),
          },
          {
            title: tr('承诺时限', 'Time limit'),
            width: 100,
            render: (_, i) => tr(`${i.targetDays} 个工作日`, `${i.targetDays} working days`),
          },
          {
            title: tr('需提交材料', 'Documents to bring'),
            render: (_, i) => (
              <ol style={{ margin: 0, paddingLeft: 18 }}>
                {i.documents.map((d) => (
                  <li key={d.name}>
                    {d.name}
                    {d.provided ? tr('（已收）', ' (received)') : ''}
                  </li>
                ))}
              </ol>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {tr(
          '时限按工作日计算，申报当日不计，法定节假日顺延；质量安全监督提前介入，主体结构可分段验收。',
          'Limits are working days from the day after submission; quality and safety supervision joins early; the main structure may be accepted in stages.',
        )}
      </Typography.Paragraph>
    </Card>
  );
}
