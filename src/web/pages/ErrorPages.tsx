import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../app/i18n.js';

export function ForbiddenPage() {
  const { tr } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={
        <span data-testid="page-403">
          {tr(
            '没有访问此页面的权限。如需开通，请联系安全管理员授权。',
            'You do not have access to this page. Ask the security administrator for a grant.',
          )}
        </span>
      }
      extra={<Button onClick={() => navigate('/')}>{tr('返回工作台', 'Back to home')}</Button>}
    />
  );
}

export function NotFoundPage() {
  const { tr } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={
        <span data-testid="page-404">
          {tr(
            '页面不存在，或记录不在您的管辖范围内。',
            'This page does not exist, or the record is outside your scope.',
          )}
        </span>
      }
      extra={<Button onClick={() => navigate('/')}>{tr('返回工作台', 'Back to home')}</Button>}
    />
  );
}
