import { Badge, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { UserView } from './api.js';
import { formatDateTimeChina } from '../../../shared/format.js';

export const STATUS = {
  active: { zh: '正常', en: 'Active', badge: 'success' },
  disabled: { zh: '已停用', en: 'Disabled', badge: 'default' },
  locked: { zh: '已锁定', en: 'Locked', badge: 'error' },
} as const;

export function userColumns(tr: (zh: string, en: string) => string, lang: 'zh' | 'en'): ColumnsType<UserView> {
  return [
    { title: tr('用户名', 'Username'), dataIndex: 'username', width: 120, fixed: 'left' },
    { title: tr('姓名', 'Name'), dataIndex: 'displayName', width: 100 },
    { title: tr('所属单位', 'Unit'), dataIndex: ['scopeUnit', 'name'], width: 200, ellipsis: true },
    { title: tr('职务', 'Title'), dataIndex: 'title', width: 160, ellipsis: true, responsive: ['lg'] },
    { title: tr('手机号', 'Phone'), dataIndex: 'phone', width: 120, responsive: ['lg'] },
    {
      title: tr('角色', 'Roles'),
      dataIndex: 'roles',
      width: 220,
      render: (roles: UserView['roles']) => roles.map((r) => <Tag key={r.code}>{lang === 'zh' ? r.zh : r.en}</Tag>),
    },
    {
      title: tr('状态', 'Status'),
      dataIndex: 'status',
      width: 100,
      render: (s: UserView['status'], u) => (
        <span
          title={
            u.lockedUntil
              ? tr(`锁定至 ${formatDateTimeChina(u.lockedUntil)}`, `Locked until ${formatDateTimeChina(u.lockedUntil)}`)
              : undefined
          }
        >
          <Badge status={STATUS[s].badge} text={tr(STATUS[s].zh, STATUS[s].en)} />
        </span>
      ),
    },
    {
      title: tr('最近登录', 'Last login'),
      dataIndex: 'lastLoginAt',
      width: 150,
      responsive: ['xl'],
      render: (v: string | null) => formatDateTimeChina(v),
    },
  ];
}
