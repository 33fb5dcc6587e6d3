import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../app/auth.js';
import { useI18n } from '../app/i18n.js';
import { ApiError, get } from '../app/api.js';
import { LangSwitch } from '../components/LangSwitch.js';
import type { SetupStatus } from '../../shared/api/auth.js';
import './login.css';

/**
 * The only page loaded before login: plain React and login.css, no antd, no shell, no module code, so
 * it arrives in a fraction of the bytes (decision 020). It looks like the antd pages it leads to.
 */
export function LoginPage() {
  const { me, login, reason } = useAuth();
  const { tr } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void get<SetupStatus>('/api/auth/setup').then((s) => {
      if (s.needed) void navigate('/setup', { replace: true });
    });
  }, [navigate]);

  if (me) return <Navigate to={params.get('next') || '/'} replace />;

  const expired = !error && (reason === 'SESSION_EXPIRED' || params.get('reason') === 'expired');
  const missingUser = touched && !username.trim();
  const missingPassword = touched && !password;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!username.trim() || !password || busy) return;
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? { code: err.code, message: err.message }
          : { code: 'NETWORK', message: tr('无法连接服务器，请稍后重试', 'Cannot reach the server') },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="xf-login">
      <main className="xf-login-panel">
        <div className="xf-login-head">
          <h1>{tr('先锋', 'Xianfeng')}</h1>
          <LangSwitch />
        </div>
        <p className="xf-login-sub">{tr('党建引领项目建设平台', 'Party building that leads project construction')}</p>
        {expired && (
          <div className="xf-alert xf-alert-warning" role="alert" data-testid="login-expired">
            {tr('登录已过期（长时间未操作），请重新登录', 'Your session expired; please log in again')}
          </div>
        )}
        {error && (
          <div
            className={`xf-alert ${error.code === 'ACCOUNT_LOCKED' ? 'xf-alert-error' : 'xf-alert-warning'}`}
            role="alert"
            data-testid="login-error"
          >
            {error.message}
          </div>
        )}
        <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="login-form">
          <label className="xf-field">
            <span className="xf-label">{tr('用户名', 'Username')}</span>
            <input
              className={`xf-input${missingUser ? ' xf-input-invalid' : ''}`}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={missingUser}
              data-testid="login-username"
            />
            {missingUser && <span className="xf-field-error">{tr('请输入用户名', 'Enter your username')}</span>}
          </label>
          <label className="xf-field">
            <span className="xf-label">{tr('密码', 'Password')}</span>
            <span className={`xf-input xf-input-affix${missingPassword ? ' xf-input-invalid' : ''}`}>
              <input
                name="password"
                type={showPassword ? 'text' : 'password'}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={missingPassword}
                data-testid="login-password"
              />
              <button
                type="button"
                className="xf-reveal"
                aria-pressed={showPassword}
                onClick={() => setShowPassword((v) => !v)}
              >
                {showPassword ? tr('隐藏', 'Hide') : tr('显示', 'Show')}
              </button>
            </span>
            {missingPassword && <span className="xf-field-error">{tr('请输入密码', 'Enter your password')}</span>}
          </label>
          <button type="submit" className="xf-submit" disabled={busy} aria-busy={busy} data-testid="login-submit">
            {busy && <span className="xf-spinner xf-spinner-small" aria-hidden />}
            {tr('登录', 'Log in')}
          </button>
        </form>
      </main>
    </div>
  );
}
