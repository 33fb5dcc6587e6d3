import { useEffect, useState, type CSSProperties } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../app/auth.js';
import { useI18n } from '../app/i18n.js';
import { ApiError, get } from '../app/api.js';
import { LangSwitch } from '../components/LangSwitch.js';

/**
 * The panel drawn by hand rather than with antd's Card and Typography: those pull in tabs, dropdown,
 * menu and tooltip code, tripling what the login page sends (decision 020).
 */
const PANEL: CSSProperties = {
  width: 400,
  maxWidth: '92vw',
  padding: 24,
  background: '#fff',
  border: '1px solid #f0f0f0',
  borderRadius: 8,
  boxShadow: '0 1px 2px rgba(0,0,0,0.03), 0 2px 8px rgba(0,0,0,0.06)',
};

/** The only page loaded before login: no shell, no module code. */
export function LoginPage() {
  const { me, login, reason } = useAuth();
  const { tr } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void get<{ needed: boolean }>('/api/auth/setup').then((s) => {
      if (s.needed) void navigate('/setup', { replace: true });
    });
  }, [navigate]);

  if (me) return <Navigate to={params.get('next') || '/'} replace />;

  const expired = !error && (reason === 'SESSION_EXPIRED' || params.get('reason') === 'expired');

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username, v.password);
    } catch (e) {
      setError(
        e instanceof ApiError
          ? { code: e.code, message: e.message }
          : { code: 'NETWORK', message: tr('无法连接服务器，请稍后重试', 'Cannot reach the server') },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg,#fff5f5,#f0f2f5)',
      }}
    >
      <main style={PANEL}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <h1 style={{ margin: 0, color: '#c8161d', fontSize: 24, fontWeight: 600, lineHeight: 1.35 }}>
            {tr('先锋', 'Xianfeng')}
          </h1>
          <LangSwitch />
        </div>
        <p style={{ margin: '4px 0 16px', color: 'rgba(0,0,0,0.45)' }}>
          {tr('党建引领项目建设平台', 'Party building that leads project construction')}
        </p>
        {expired && (
          <Alert
            type="warning"
            showIcon
            data-testid="login-expired"
            style={{ marginBottom: 16 }}
            title={tr('登录已过期（长时间未操作），请重新登录', 'Your session expired; please log in again')}
          />
        )}
        {error && (
          <Alert
            type={error.code === 'ACCOUNT_LOCKED' ? 'error' : 'warning'}
            showIcon
            data-testid="login-error"
            style={{ marginBottom: 16 }}
            title={error.message}
          />
        )}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="login-form">
          <Form.Item
            name="username"
            label={tr('用户名', 'Username')}
            rules={[{ required: true, message: tr('请输入用户名', 'Enter your username') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={tr('密码', 'Password')}
            rules={[{ required: true, message: tr('请输入密码', 'Enter your password') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {tr('登录', 'Log in')}
          </Button>
        </Form>
      </main>
    </div>
  );
}
