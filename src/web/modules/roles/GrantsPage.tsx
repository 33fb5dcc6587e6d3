import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Divider, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, put } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { useUrlState } from '../../hooks/useUrlState.js';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLES, type RoleCode } from '../../../shared/roles.js';
import { DEFAULT_FILTERS } from '../users/api.js';
import type { UserPage, UserView } from '../../../shared/api/users.js';
import { OrgPicker } from '../../components/OrgPicker.js';

/**
 * 角色授权 (security administrator). An account is either one of the three administrators or holds
 * business roles — never both (三员分立); the form makes that the only possible choice.
 */
export default function GrantsPage() {
  const { tr, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [f, setF] = useUrlState(DEFAULT_FILTERS);
  const [target, setTarget] = useState<UserView | null>(null);
  const [kind, setKind] = useState<'admin' | 'business'>('business');
  const [adminRole, setAdminRole] = useState<RoleCode | undefined>();
  const [business, setBusiness] = useState<RoleCode[]>([]);
  const [scopeUnitId, setScopeUnitId] = useState<number | undefined>();
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['users', 'grants', f], queryFn: () => get<UserPage>('/api/users', f) });
  const name = (c: RoleCode) => (lang === 'zh' ? ROLES[c].zh : ROLES[c].en);

  const open = (u: UserView) => {
    const codes = u.roles.map((r) => r.code as RoleCode);
    const admin = codes.find((c) => (ADMIN_ROLES as readonly string[]).includes(c));
    setKind(admin ? 'admin' : 'business');
    setAdminRole(admin);
    setBusiness(codes.filter((c) => (BUSINESS_ROLES as readonly string[]).includes(c)));
    setScopeUnitId(u.scopeUnit.id);
    setError(null);
    setTarget(u);
  };

  const save = useMutation({
    mutationFn: async () => {
      // The scope is a grant too: moved first, in its own audited step.
      if (scopeUnitId && scopeUnitId !== target?.scopeUnit.id)
        await put<UserView>(`/api/users/${target?.id}/scope`, { scopeUnitId });
      return put<UserView>(`/api/users/${target?.id}/roles`, {
        roles: kind === 'admin' ? (adminRole ? [adminRole] : []) : business,
      });
    },
    onSuccess: () => {
      void message.success(tr('授权已保存，立即生效', 'Saved; effective immediately'));
      void qc.invalidateQueries({ queryKey: ['users'] });
      setTarget(null);
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });

  return (
    <Card title={tr('角色授权', 'Role grants')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={tr('用户名、姓名或拼音首字母', 'Username, name or initials')}
          defaultValue={f.q}
          onSearch={(q) => setF({ q })}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder={tr('按角色筛选', 'Filter by role')}
          style={{ width: 200 }}
          value={f.role}
          onChange={(role: string | undefined) => setF({ role })}
          options={Object.values(ROLES).map((r) => ({ value: r.code, label: name(r.code) }))}
        />
      </Space>
      <Table<UserView>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.data ?? []}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => tr(`共 ${n} 人`, `${n} users`),
          onChange: (page, pageSize) => setF({ page, pageSize }),
        }}
        columns={[
          { title: tr('用户名', 'Username'), dataIndex: 'username' },
          { title: tr('姓名', 'Name'), dataIndex: 'displayName' },
          { title: tr('所属单位', 'Unit'), dataIndex: ['scopeUnit', 'name'] },
          {
            title: tr('角色', 'Roles'),
            dataIndex: 'roles',
            render: (roles: UserView['roles']) =>
              roles.map((r) => (
                <Tag key={r.code} color={(ADMIN_ROLES as readonly string[]).includes(r.code) ? 'purple' : 'blue'}>
                  {lang === 'zh' ? r.zh : r.en}
                </Tag>
              )),
          },
          {
            title: tr('操作', 'Actions'),
            render: (_: unknown, u: UserView) =>
              u.id === me?.user.id ? (
                <Typography.Text type="secondary">{tr('不能修改自己的角色', 'Not your own')}</Typography.Text>
              ) : u.roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r.code)) ? (
                <Typography.Text type="secondary">
                  {tr('三员账号：仅可在服务器端处置', 'Administrator: server-side only')}
                </Typography.Text>
              ) : (
                <Button type="link" size="small" onClick={() => open(u)} data-testid={`grant-${u.username}`}>
                  {tr('授权', 'Grant')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={Boolean(target)}
        title={tr(`为 ${target?.displayName ?? ''} 授权`, `Roles of ${target?.displayName ?? ''}`)}
        onCancel={() => setTarget(null)}
        onOk={() => save.mutate()}
        confirmLoading={save.isPending}
        okText={tr('保存', 'Save')}
        width={560}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value as 'admin' | 'business')}
          style={{ marginBottom: 12 }}
        >
          <Radio.Button value="business">{tr('业务角色', 'Business roles')}</Radio.Button>
          <Radio.Button value="admin">{tr('三员（管理员）', 'Administrator')}</Radio.Button>
        </Radio.Group>
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={tr(
            '三员分立：系统管理员、安全管理员、审计管理员互不兼任，也不兼任业务角色。',
            'Separation of duties: each administrator role stands alone, with no business role.',
          )}
        />
        {kind === 'admin' ? (
          <Radio.Group value={adminRole} onChange={(e) => setAdminRole(e.target.value as RoleCode)}>
            <Space orientation="vertical">
              {ADMIN_ROLES.map((c) => (
                <Radio key={c} value={c}>
                  {name(c)}{' '}
                  <Typography.Text type="secondary">
                    {tr(ROLES[c].descriptionZh, ROLES[c].descriptionEn)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        ) : (
          <Checkbox.Group value={business} onChange={(v) => setBusiness(v as RoleCode[])}>
            <Space orientation="vertical">
              {BUSINESS_ROLES.map((c) => (
                <Checkbox key={c} value={c}>
                  {name(c)}{' '}
                  <Typography.Text type="secondary">
                    {tr(ROLES[c].descriptionZh, ROLES[c].descriptionEn)}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        )}
        <Divider style={{ margin: '12px 0' }} />
        <Typography.Text strong>{tr('数据范围（所属单位）', 'Scope (unit)')}</Typography.Text>
        <OrgPicker value={scopeUnitId} onChange={setScopeUnitId} allowClear={false} testId="grant-scope" />
      </Modal>
    </Card>
  );
}
