import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, patch, post } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { PasswordRuleHint } from '../../components/PasswordRuleHint.js';
import { generatePassword, type UserView } from './api.js';

interface Values {
  username: string;
  displayName: string;
  scopeUnitId: number;
  title?: string;
  phone?: string;
  password?: string;
}

/** Create or edit an account. The initial password must be changed at first login. */
export function UserFormDrawer({ open, user, onClose }: { open: boolean; user: UserView | null; onClose: () => void }) {
  const { tr } = useI18n();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const editing = Boolean(user);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (user)
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        scopeUnitId: user.scopeUnit.id,
        title: user.title ?? undefined,
      });
    else form.setFieldsValue({ password: generatePassword() });
  }, [open, user, form]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (user) {
        const body: Record<string, unknown> = {
          displayName: v.displayName,
          scopeUnitId: v.scopeUnitId,
          title: v.title?.trim() || null,
        };
        if (v.phone) body.phone = v.phone;
        return patch<UserView>(`/api/users/${user.id}`, body);
      }
      return post<UserView>('/api/users', { ...v, title: v.title?.trim() || undefined, phone: v.phone || undefined });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? tr('修改用户', 'Edit user') : tr('新建用户', 'New user')}
      size={480}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{tr('取消', 'Cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="user-save">
            {tr('保存', 'Save')}
          </Button>
        </Space>
      }
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-form-error" />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="username"
          label={tr('用户名', 'Username')}
          rules={[
            { required: true, message: tr('请输入用户名', 'Required') },
            {
              pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/,
              message: tr('3–32 位，字母开头，可含数字、下划线、点、横线', '3–32 characters, starting with a letter'),
            },
          ]}
        >
          <Input disabled={editing} data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={tr('姓名', 'Name')}
          rules={[{ required: true, message: tr('请输入姓名', 'Required') }]}
        >
          <Input data-testid="user-name" />
        </Form.Item>
        <Form.Item
          name="scopeUnitId"
          label={tr('所属单位（决定数据范围）', 'Unit (sets the data scope)')}
          rules={[{ required: true, message: tr('请选择所属单位', 'Required') }]}
          extra={
            editing
              ? tr(
                  '数据范围属于授权，由安全管理员在“角色授权”中调整',
                  'The scope is a grant: the security administrator changes it under Role grants',
                )
              : undefined
          }
        >
          <OrgPicker testId="user-unit" disabled={editing} />
        </Form.Item>
        <Form.Item name="title" label={tr('职务', 'Title')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="phone"
          label={tr('手机号', 'Phone')}
          extra={
            editing
              ? tr('留空则不修改；已保存的号码加密存储，仅显示掩码', 'Leave empty to keep; stored encrypted')
              : undefined
          }
          rules={[{ pattern: /^1\d{10}$/, message: tr('请输入 11 位手机号', 'Enter an 11-digit mobile number') }]}
        >
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
        {!editing && (
          <Form.Item
            label={tr('初始密码（首次登录须修改）', 'Initial password (must be changed at first login)')}
            extra={<PasswordRuleHint />}
          >
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="password" noStyle rules={[{ required: true }]}>
                <Input data-testid="user-password" />
              </Form.Item>
              <Button onClick={() => form.setFieldsValue({ password: generatePassword() })}>
                {tr('重新生成', 'Generate')}
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
