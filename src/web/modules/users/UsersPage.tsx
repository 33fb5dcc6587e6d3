import { useState } from 'react';
import { App, Button, Popconfirm, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, post, patch } from '../../app/api.js';
import { useI18n } from '../../app/i18n.js';
import { ListPage } from '../../components/list/ListPage.js';
import { useListState } from '../../components/list/useListState.js';
import { ROLES } from '../../../shared/roles.js';
import { DEFAULT_FILTERS, generatePassword, type UserPage, type UserView } from './api.js';
import { STATUS, userColumns } from './columns.js';
import { UserFormDrawer } from './UserFormDrawer.js';

/** 用户管理 (system administrator): the list page (search, filters, column settings, export); create, edit, reset, unlock, disable, batch disable. */
export default function UsersPage() {
  const { tr, lang } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const list = useListState(DEFAULT_FILTERS);
  const f = list.state;
  const [editing, setEditing] = useState<UserView | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const page = useQuery({ queryKey: ['users', f], queryFn: () => get<UserPage>('/api/users', f) });
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

  const newUser = (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => (setEditing(null), setDrawerOpen(true))}
      data-testid="user-new"
    >
      {tr('新建用户', 'New user')}
    </Button>
  );
  const batchDisable = (users: UserView[], clear: () => void) => {
    const targets = users.filter((u) => u.status !== 'disabled');
    modal.confirm({
      title: tr(`停用选中的 ${targets.length} 个账号？`, `Disable ${targets.length} selected accounts?`),
      content: tr('停用后这些账号立即退出登录且无法再登录。', 'They are logged out and cannot log in.'),
      okText: tr('停用', 'Disable'),
      okButtonProps: { danger: true },
      // one audited PATCH per account, as the row action does: the server checks each one
      onOk: async () => {
        const results = await Promise.allSettled(targets.map((u) => patch(`/api/users/${u.id}`, { disabled: true })));
        const failed = results.filter((r) => r.status === 'rejected');
        clear();
        void qc.invalidateQueries({ queryKey: ['users'] });
        if (failed.length === 0)
          void message.success(tr(`已停用 ${targets.length} 个账号`, `${targets.length} disabled`));
        else fail((failed[0] as PromiseRejectedResult).reason);
      },
    });
  };

  return (
    <ListPage<UserView, typeof DEFAULT_FILTERS>
      listId="users"
      title={tr('用户管理', 'Users')}
      list={list}
      data={page.data}
      loading={page.isFetching}
      columns={columns}
      rowKey="id"
      table={{ scroll: { x: 1450 } }}
      search={{
        name: 'q',
        placeholder: tr('用户名、姓名或拼音首字母', 'Username, name or pinyin initials'),
        testId: 'user-search',
        width: 260,
      }}
      fields={[
        {
          name: 'role',
          label: tr('角色', 'Role'),
          input: (
            <Select
              allowClear
              placeholder={tr('角色', 'Role')}
              style={{ width: 180 }}
              options={Object.values(ROLES).map((r) => ({ value: r.code, label: lang === 'zh' ? r.zh : r.en }))}
            />
          ),
        },
        {
          name: 'status',
          label: tr('状态', 'Status'),
          input: (
            <Select
              allowClear
              placeholder={tr('状态', 'Status')}
              style={{ width: 120 }}
              options={Object.entries(STATUS).map(([value, s]) => ({ value, label: tr(s.zh, s.en) }))}
            />
          ),
        },
      ]}
      exportPath="/api/users/export"
      actions={newUser}
      empty={{ text: tr('暂无用户。可点「新建用户」添加', 'No users yet. Use "New user"'), action: newUser }}
      batch={(rows, clear) => (
        <Button
          danger
          disabled={rows.every((u) => u.status === 'disabled')}
          onClick={() => batchDisable(rows, clear)}
          data-testid="users-batch-disable"
        >
          {tr('批量停用', 'Disable selected')}
        </Button>
      )}
    >
      <UserFormDrawer open={drawerOpen} user={editing} onClose={() => setDrawerOpen(false)} />
    </ListPage>
  );
}
