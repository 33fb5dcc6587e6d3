import { App, Button, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { formatDateTimeChina } from '../../../shared/format.js';
import { recomputeProposals } from './api.js';

/**
 * 重新计算: the list shows stored proposals (recomputed nightly); this button recomputes them for the
 * user's subtree now and says what changed.
 */
export function RecomputeProposals({ computedAt }: { computedAt: string | null | undefined }) {
  const { tr } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const recompute = useMutation({
    mutationFn: recomputeProposals,
    onSuccess: (r) => {
      void message.success(
        tr(
          `已重新计算：待决定 ${r.open} 条（新增 ${r.added}，更新 ${r.refreshed}，不再适用 ${r.stale}）`,
          `Recomputed: ${r.open} open (${r.added} new, ${r.refreshed} updated, ${r.stale} no longer apply)`,
        ),
      );
      void qc.invalidateQueries({ queryKey: ['coverage', 'proposals'] });
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Space style={{ marginBottom: 12 }} wrap>
      <Button data-testid="recompute-proposals" loading={recompute.isPending} onClick={() => recompute.mutate()}>
        {recompute.isPending ? tr('正在重新计算…', 'Recomputing…') : tr('重新计算', 'Recompute')}
      </Button>
      <Typography.Text type="secondary" data-testid="proposals-computed-at">
        {computedAt
          ? tr(
              `上次计算：${formatDateTimeChina(computedAt)}（每晚自动计算）`,
              `Last computed ${formatDateTimeChina(computedAt)} (also nightly)`,
            )
          : tr('尚未计算，请点击“重新计算”', 'Not computed yet: press Recompute')}
      </Typography.Text>
    </Space>
  );
}
