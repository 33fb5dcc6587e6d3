import { useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Select, Space, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, download, get, post, patch } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { ROLES } from '../../../shared/roles.js';
import { DEFAULT_FILTERS, generatePassword, type UserPage, type UserView } from './api.js';
import { STATUS, userColumns } from './columns.js';
import { UserFormDrawer } from './UserFormDrawer.js';

/** 用户管理 (system administrator): list with search, filters, paging and export; create, edit, reset, unlock, disable. */
export default function UsersPage() {
  const { tr, lang } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [f, setF] = useUrlState(DEFAULT_FILTERS);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const list = useQuery({ queryKey: ['users', f], queryFn: () => get<UserPage>('/api/users', f) });
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
  const done = (text: string) => {
    void message.success(text);
    void qc.invalidateQueries({ queryKey: ['users'] });
  };

  const act = useMutation({
    mutationFn: ({ user, action }: { user: UserView; action: 'unlock' | 'disable' | 'enable' }) =>
      action === 'unlock'
        ? post(`/api/users/${user.id}/unlock`)
        : patch(`/api/users/${user.id}`, { disabled: action === 'disable' }),
    onSuccess: () => done(tr('已完成', 'Done')),
    onError: fail,
  });

  const resetPassword = (user: UserView) => {
    const pw = generatePassword();
    modal.confirm({
      title: tr(`重置 ${user.displayName} 的密码？`, `Reset ${user.displayName}'s password?`),
      content: (
        <div>
          <p>
            {tr(
              '新的临时密码（请当面或电话告知本人，首次登录须修改）：',
              'Temporary password (tell the user in person; must be changed at first login):',
            )}
          </p>
          <Typography.Text copyable strong data-testid="temp-password">
            {pw}
          </Typography.Text>
        </div>
      ),
      okText: tr('确认重置', 'Reset'),
      onOk: () =>
        post(`/api/users/${user.id}/reset-password`, { password: pw }).then(
          () => done(tr('密码已重置，该用户的登录已全部失效', 'Password reset; the user was logged out')),
          fail,
        ),
    });
  };

  const columns = [
    ...userColumns(tr, lang),
    {
      title: tr('操作', 'Actions'),
      key: 'actions',
      width: 240,
      fixed: 'right' as const,
      render: (_: unknown, u: UserView) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => (setEditing(u), setDrawerOpen(true))}>
            {tr('修改', 'Edit')}
          </Button>
          <Button type="link" size="small" onClick={() => resetPassword(u)}>
            {tr('重置密码', 'Reset password')}
          </Button>
          {u.status === 'locked' && (
            <Button type="link" size="small" onClick={() => act.mutate({ user: u, action: 'unlock' })}>
              {tr('解锁', 'Unlock')}
            </Button>
          )}
          <Popconfirm
            title={
              u.status === 'disabled'
                ? tr('启用该账号？', 'Enable this account?')
                : tr(
                    '停用后该账号立即退出登录且无法再登录，确定停用？',
                    'The account is logged out and cannot log in. Disable?',
                  )
            }
            onConfirm={() => act.mutate({ user: u, action: u.status === 'disabled' ? 'enable' : 'disable' })}
          >
            <Button type="link" size="small" danger={u.status !== 'disabled'}>
              {u.status === 'disabled' ? tr('启用', 'Enable') : tr('停用', 'Disable')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const filters = { q: f.q, role: f.role, status: f.status, unitId: f.unitId };
  return (
    <Card
      title={tr('用户管理', 'Users')}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => download('/api/users/export', filters)}>
            {tr('导出 Excel', 'Export Excel')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => (setEditing(null), setDrawerOpen(true))}
            data-testid="user-new"
          >
            {tr('新建用户', 'New user')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={tr('用户名、姓名或拼音首字母', 'Username, name or pinyin initials')}
          defaultValue={f.q}
          onSearch={(q) => setF({ q })}
          style={{ width: 260 }}
          data-testid="user-search"
        />
        <Select
          allowClear
          placeholder={tr('角色', 'Role')}
          style={{ width: 180 }}
          value={f.role}
          onChange={(role: string | undefined) => setF({ role })}
          options={Object.values(ROLES).map((r) => ({ value: r.code, label: lang === 'zh' ? r.zh : r.en }))}
        />
        <Select
          allowClear
          placeholder={tr('状态', 'Status')}
          style={{ width: 120 }}
          value={f.status}
          onChange={(status: string | undefined) => setF({ status })}
          options={Object.entries(STATUS).map(([value, s]) => ({ value, label: tr(s.zh, s.en) }))}
        />
      </Space>
      <Table<UserView>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.data ?? []}
        scroll={{ x: 1450 }}
        locale={{
          emptyText: tr(
            '没有符合条件的用户；可调整筛选条件或新建用户',
            'No users match; change the filters or create one',
          ),
        }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => tr(`共 ${n} 条`, `${n} in total`),
          onChange: (page, pageSize) => setF({ page, pageSize }),
        }}
      />
      <UserFormDrawer open={drawerOpen} user={editing} onClose={() => setDrawerOpen(false)} />
    </Card>
  );
}
