import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { useI18n } from '../../app/i18n.js';
import type { CoverageOverview, Rates } from './api.js';

/** 组织覆盖率 and 工作覆盖率 of the region or a township, the formulas on hover. */
export function RateCard({
  title,
  rates,
  formulas,
}: {
  title: string;
  rates: Rates;
  formulas: CoverageOverview['formulas'];
}) {
  const { tr, lang } = useI18n();
  return (
    <Card size="small" title={<span data-sweep-data>{title}</span>} data-testid={`rates-${title}`}>
      <Row gutter={16}>
        <Col span={12}>
          <Tooltip title={formulas.orgRate[lang]}>
            <div data-testid="org-rate" data-value={rates.orgRate}>
              <Statistic title={tr('组织覆盖率', 'Organisation coverage')} value={rates.orgRate} suffix="%" />
            </div>
          </Tooltip>
          <Typography.Text type="secondary">
            {rates.orgCovered} / {rates.units}
          </Typography.Text>
        </Col>
        <Col span={12}>
          <Tooltip title={formulas.workRate[lang]}>
            <Statistic title={tr('工作覆盖率', 'Work coverage')} value={rates.workRate} suffix="%" />
          </Tooltip>
          <Typography.Text type="secondary">
            {rates.workCovered} / {rates.units}
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}
