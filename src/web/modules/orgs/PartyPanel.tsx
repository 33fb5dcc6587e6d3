import { useState } from 'react';
import { Alert, Button, Descriptions, List, Space, Tag } from 'antd';
import { useI18n } from '../../app/i18n.js';
import { useAuth } from '../../app/auth.js';
import { ROLE, type OrgNode } from './api.js';
import { CloseDialog } from './CloseDialog.js';
import { TransformDialog } from './TransformDialog.js';
import { PartyOrgDialog } from './PartyOrgDialog.js';

/** A party org's details, rule warnings and actions (edit, transform, close). */
export function PartyPanel({ node }: { node: OrgNode }) {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const [dialog, setDialog] = useState<'close' | 'transform' | 'edit' | null>(null);
  const d = node.party!;
  const write = can('orgs.write') && !node.closed && d.status !== 'closed';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {(node.warnings ?? []).map((w) => (
        <Alert
          key={w.code}
          type={w.level === 'danger' ? 'error' : w.level}
          showIcon
          message={lang === 'zh' ? w.zh : w.en}
          data-testid={`warning-${w.code}`}
        />
      ))}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={tr('成立日期 / 批复文号', 'Established / doc no.')}>
          {[d.establishedOn, d.docNo].filter(Boolean).join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={tr('任期 / 下次换届', 'Term / next election')}>
          {d.termYears
            ? `${d.termYears} ${tr('年', 'years')}（${d.termStartedOn ?? ''} 起）→ ${d.nextElectionOn ?? ''}`
            : tr('不选举（委员由上级指定）', 'No election (appointed)')}
        </Descriptions.Item>
        <Descriptions.Item label={tr('书记', 'Secretary')}>{d.secretary ?? ''}</Descriptions.Item>
        <Descriptions.Item label={tr('委员', 'Committee')}>
          {d.officers
            .map(
              (o) =>
                `${o.name}（${tr(ROLE[o.role]?.[0] ?? o.role, ROLE[o.role]?.[1] ?? o.role)}${o.appointed ? tr('，指定', ', appointed') : ''}）`,
            )
            .join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={tr('党员', 'Members')}>
          <span data-testid="formal-members">
            {tr(
              `正式党员 ${d.formalMembers} 名，关系在此共 ${d.relationMembers} 名，参与管理 ${d.participants} 名`,
              `${d.formalMembers} formal, ${d.relationMembers} holding the relation, ${d.participants} participating`,
            )}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={tr('状态', 'Status')}>
          {d.status === 'closed'
            ? tr(`已撤销（${d.closedOn}）`, `Closed (${d.closedOn})`)
            : d.transformedInto
              ? tr('已转型', 'Transformed')
              : tr('正常', 'Active')}
        </Descriptions.Item>
      </Descriptions>
      <List
        size="small"
        header={tr(`覆盖单位（${d.covered.length}）`, `Covered units (${d.covered.length})`)}
        dataSource={d.covered}
        renderItem={(c) => (
          <List.Item>
            <Tag>{c.targetKind === 'project' ? tr('项目', 'Project') : tr('单位', 'Unit')}</Tag>
            {c.name}
          </List.Item>
        )}
      />
      {write && (
        <Space>
          <Button onClick={() => setDialog('edit')} data-testid="org-edit">
            {tr('编辑', 'Edit')}
          </Button>
          {['temp_branch', 'joint_branch', 'branch'].includes(node.kind) && (
            <Button onClick={() => setDialog('transform')} data-testid="transform-open">
              {tr('转型', 'Transform')}
            </Button>
          )}
          <Button danger onClick={() => setDialog('close')} data-testid="close-open">
            {tr('撤销', 'Close')}
          </Button>
        </Space>
      )}
      {dialog === 'close' && <CloseDialog org={node} onClose={() => setDialog(null)} />}
      {dialog === 'transform' && <TransformDialog org={node} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && <PartyOrgDialog edit={node} onClose={() => setDialog(null)} />}
    </Space>
  );
}
