import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, put } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import type { ResponseOf } from '../../../shared/api/contract.js';
import type { RegionRules, warningsApi } from '../../../shared/api/warnings.js';

type Rules = RegionRules['rules'];
type RulesView = RegionRules;
type RulesUpdated = ResponseOf<typeof warningsApi, 'PUT /api/warning-rules'>;

/** 预警规则 of the region: read by everyone, changed by the organisation department (recomputes now, keeps past months). */
export default function RulesPage() {
  const { tr } = useI18n();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Rules>();
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['warning-rules'], queryFn: () => get<RulesView>('/api/warning-rules') });
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.rules);
  }, [q.data, form]);
  const save = useMutation({
    mutationFn: (rules: Rules) => put<RulesUpdated>('/api/warning-rules', { rules, version: q.data?.version ?? 0 }),
    onSuccess: (r) => {
      setError(null);
      void message.success(
        tr(
          `已保存，并按新规则重算了 ${r.recomputed} 个项目；以往各月的颜色保持不变`,
          `Saved; ${r.recomputed} projects recomputed, earlier months kept`,
        ),
      );
      void qc.invalidateQueries();
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });
  const editable = can('projects.rules');
  const field = (name: keyof Rules, zh: string, en: string, unitZh: string, unitEn: string) => (
    <Form.Item name={name} label={tr(zh, en)} rules={[{ required: true }]}>
      <InputNumber min={0} max={365} addonAfter={tr(unitZh, unitEn)} disabled={!editable} />
    </Form.Item>
  );
  const d = q.data?.defaults;
  return (
    <Card
      title={
        <>
          {tr('红黄蓝预警规则', 'Warning rules')} · <span data-sweep-data>{q.data?.region.name}</span>
        </>
      }
      loading={q.isLoading}
    >
      <Typography.Paragraph type="secondary">
        {tr(
          '颜色由系统按规则计算，不可手填。节点逾期按工作日计（法定节假日不计、调休上班日计入）；开工按计划月判断。',
          'Colours are computed, never typed. Node lateness counts working days by the official calendar; the start is judged by its planned month.',
        )}
      </Typography.Paragraph>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          modal.confirm({
            title: tr('保存并立即重算本区域全部项目？', 'Save and recompute every project now?'),
            content: tr(
              '本月颜色将按新规则更新，以往各月保持原样。',
              'This month follows the new rules; earlier months stay as they were.',
            ),
            onOk: () => save.mutateAsync(v),
          })
        }
      >
        <Space wrap size="large" align="start">
          {field('nodeYellowDays', '节点逾期 ≥ N 个工作日为黄色', 'Node late ≥ N working days: yellow', '工作日', 'wd')}
          {field('nodeRedDays', '节点逾期 > N 个工作日为红色', 'Node late > N working days: red', '工作日', 'wd')}
          {field(
            'progressYellowPoints',
            '进度落后 ≥ N 个百分点为黄色',
            'Progress behind ≥ N points: yellow',
            '百分点',
            'pts',
          )}
          {field(
            'progressRedPoints',
            '进度落后 > N 个百分点为红色',
            'Progress behind > N points: red',
            '百分点',
            'pts',
          )}
          {field(
            'notStartedYellowMonths',
            '过计划开工月 N 个月未开工为黄色',
            'Not started N months after its month: yellow',
            '个月',
            'months',
          )}
          {field(
            'notStartedRedMonths',
            '过计划开工月 N 个月未开工为红色',
            'Not started N months after its month: red',
            '个月',
            'months',
          )}
        </Space>
        {editable && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {tr('保存并重算', 'Save and recompute')}
            </Button>
            <Button onClick={() => d && form.setFieldsValue(d)}>{tr('恢复默认值', 'Defaults')}</Button>
          </Space>
        )}
      </Form>
      {d && (
        <Descriptions size="small" style={{ marginTop: 24 }} title={tr('默认规则', 'Defaults')} column={1}>
          <Descriptions.Item label={tr('蓝色', 'Blue')}>{tr('按计划或提前', 'On or ahead of plan')}</Descriptions.Item>
          <Descriptions.Item label={tr('黄色', 'Yellow')}>
            {tr(
              `节点逾期 ${d.nodeYellowDays}–${d.nodeRedDays} 个工作日，或进度落后 ${d.progressYellowPoints}–${d.progressRedPoints} 个百分点，或过计划开工月未开工`,
              'Node late 1–10 working days, or progress 10–30 points behind, or not started in its planned month',
            )}
          </Descriptions.Item>
          <Descriptions.Item label={tr('红色', 'Red')}>
            {tr(
              `更晚或落后更多；过计划开工月 ${d.notStartedRedMonths} 个月仍未开工`,
              'Later or further behind; not started three months after its month',
            )}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
