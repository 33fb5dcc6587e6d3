import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ApiError, post } from '../app/api.js';
import { useAuth } from '../app/auth.js';
import { useI18n } from '../app/i18n.js';
import { passwordProblem } from '../../shared/password-policy.js';
import { PasswordRuleHint } from '../components/PasswordRuleHint.js';

export default function ChangePasswordPage() {
  const { me, refresh } = useAuth();
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const forced = me?.user.mustChangePassword;

  const onFinish = async (v: { oldPassword: string; newPassword: string }) => {
    setError(null);
    try {
      await post('/api/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      await refresh();
      void message.success(tr('密码已修改', 'Password changed'));
      void navigate('/');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Card title={tr('修改密码', 'Change password')} style={{ maxWidth: 520 }}>
      {forced && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={tr('首次登录或密码被重置后，请先设置自己的密码', 'Please set your own password before continuing')}
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} data-testid="password-error" />}
      <Form layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="oldPassword"
          label={tr('当前密码', 'Current password')}
          rules={[{ required: true, message: tr('请输入当前密码', 'Required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={tr('新密码', 'New password')}
          extra={<PasswordRuleHint />}
          rules={[
            { required: true, message: tr('请输入新密码', 'Required') },
            {
              validator: async (_r, v: string) => {
                const problem = v ? passwordProblem(v, me?.user.username) : null;
                if (problem) throw new Error(problem[lang]);
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={tr('确认新密码', 'Confirm new password')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: tr('请再次输入新密码', 'Required') },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string) =>
                !v || v === getFieldValue('newPassword')
                  ? undefined
                  : Promise.reject(new Error(tr('两次输入不一致', 'Passwords differ'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="password-submit">
          {tr('保存', 'Save')}
        </Button>
      </Form>
    </Card>
  );
}
