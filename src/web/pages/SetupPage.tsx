import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError, post } from '../app/api.js';
import { useI18n } from '../app/i18n.js';
import { PasswordRuleHint } from '../components/PasswordRuleHint.js';

/** Production first start: the system administrator sets a password with the token from the server log. */
export default function SetupPage() {
  const { tr } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  if (done)
    return (
      <Result
        status="success"
        title={tr('初始化完成', 'Setup complete')}
        subTitle={tr('请使用 admin 和新密码登录', 'Log in as admin with the new password')}
        extra={<Link to="/login">{tr('去登录', 'Log in')}</Link>}
      />
    );
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>
      <Card
        title={tr('系统初始化：设置系统管理员密码', 'First start: set the administrator password')}
        style={{ width: 480 }}
      >
        <Typography.Paragraph type="secondary">
          {tr(
            '初始化口令在服务器首次启动时打印在日志中，仅显示一次。',
            'The setup token was printed once in the server log at first start.',
          )}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form
          layout="vertical"
          onFinish={async (v: { setupToken: string; newPassword: string }) => {
            setError(null);
            try {
              await post('/api/auth/setup', v);
              setDone(true);
            } catch (e) {
              setError(e instanceof ApiError ? e.message : String(e));
            }
          }}
        >
          <Form.Item name="setupToken" label={tr('初始化口令', 'Setup token')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={tr('管理员新密码', 'New password')}
            extra={<PasswordRuleHint />}
            rules={[{ required: true }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {tr('完成初始化', 'Finish setup')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
