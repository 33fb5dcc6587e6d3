import { Alert, Card, Col, Descriptions, Empty, Grid, Row, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../app/api.js';
import { useAuth } from '../app/auth.js';
import { useI18n } from '../app/i18n.js';
import type { HomeView } from '../../shared/api/home.js';
import './home.css';

const LEVEL_COLOR = { danger: 'red', warning: 'orange', info: 'blue' } as const;

/** "What needs me now" first; the rest folds away. */
export default function HomePage() {
  const { me, can } = useAuth();
  const phone = Grid.useBreakpoint().md === false;
  const { tr, lang } = useI18n();
  const home = useQuery({ queryKey: ['home', lang], queryFn: () => get<HomeView>('/api/home') });
  if (!me) return null;
  const items = home.data?.items ?? [];
  return (
    <Row gutter={[16, 16]}>
      {phone && can('problems.raise') && (
        // on site, the first thing a firm or a commissioner does: one tap to 我要吹哨 (decision 029)
        <Col xs={24}>
          <Link to="/problems/new" className="xf-home-raise" data-testid="home-raise">
            {tr('我要吹哨', 'Raise a problem')}
          </Link>
        </Col>
      )}
      <Col xs={24} lg={16}>
        <Card title={tr('需要我处理的', 'What needs me now')} loading={home.isLoading} data-testid="home-todo">
          {items.length === 0 ? (
            <Empty description={tr('暂无待办，一切正常', 'Nothing needs you right now')} />
          ) : (
            // A plain list, not antd's List: that one brings Pagination and Select to the first screen (decision 020).
            <ul className="xf-home-list">
              {items.map((i) => (
                <li key={i.key} data-testid={`home-item-${i.key}`}>
                  <span className="xf-home-title">
                    <Tag color={LEVEL_COLOR[i.level]}>
                      {i.level === 'danger'
                        ? tr('紧急', 'Urgent')
                        : i.level === 'warning'
                          ? tr('提醒', 'Reminder')
                          : tr('待办', 'To do')}
                    </Tag>
                    {i.title}
                  </span>
                  {i.link && (
                    <Link to={i.link} className="xf-home-go" data-testid="home-go">
                      {tr('去处理', 'Open')} ›
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          )}
          {home.isError && <Alert type="error" title={(home.error as Error).message} />}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={tr('我的账号', 'My account')}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {me.user.displayName}
          </Typography.Title>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={tr('用户名', 'Username')}>{me.user.username}</Descriptions.Item>
            <Descriptions.Item label={tr('管辖范围', 'Scope')}>{me.user.scope.name}</Descriptions.Item>
            <Descriptions.Item label={tr('角色', 'Roles')}>
              {me.user.roles.map((r) => (
                <Tag key={r.code} data-testid={`role-${r.code}`}>
                  {lang === 'zh' ? r.zh : r.en}
                </Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}
