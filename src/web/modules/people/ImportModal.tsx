import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Modal, Space, Upload, message } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { download } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { queueRosterImport } from './api.js';
import { fetchTask, isActive, taskKeys } from '../tasks/api.js';
import { TaskProgress } from '../tasks/TaskProgress.js';
import { RowReport } from '../tasks/RowReport.js';

/**
 * 导入党员名册: the upload becomes a task (任务中心): rows checked / total while it runs, the user may
 * leave; the row report (row, column, why) shows here when it ends and waits in the task center.
 */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { tr } = useI18n();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [onlyValid, setOnlyValid] = useState(false);
  const [taskId, setTaskId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const task = useQuery({
    queryKey: taskKeys.one(taskId ?? 0),
    queryFn: () => fetchTask(taskId as number),
    enabled: taskId !== null,
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data.status) ? false : 1000),
  });
  const t = task.data;
  const imported = t?.status === 'done' ? (t.report?.imported ?? 0) : 0;
  useEffect(() => {
    if (!t || isActive(t.status)) return;
    void qc.invalidateQueries({ queryKey: taskKeys.all });
    if (imported) {
      void message.success(tr(`已导入 ${imported} 人`, `${imported} imported`));
      void qc.invalidateQueries({ queryKey: ['people'] });
    }
  }, [t?.status, imported]); // eslint-disable-line react-hooks/exhaustive-deps
  const run = async () => {
    if (!file || !me) return;
    setBusy(true);
    try {
      const { id } = await queueRosterImport(file, me.csrfToken, onlyValid);
      setTaskId(id);
      void qc.invalidateQueries({ queryKey: taskKeys.all });
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const running = t ? isActive(t.status) : taskId !== null;
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={tr('导入党员名册', 'Import a roster')}
      width={760}
      footer={null}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => download('/api/people/import/template')}>
            {tr('下载模板', 'Template')}
          </Button>
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => (setFile(f), setTaskId(null), false)}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />} data-testid="people-import-file">
              {tr('选择文件', 'Choose file')}
            </Button>
          </Upload>
          <Checkbox checked={onlyValid} onChange={(e) => setOnlyValid(e.target.checked)}>
            {tr('有错误时仅导入正确的行', 'Import only the valid rows')}
          </Checkbox>
          <Button
            type="primary"
            disabled={!file || running}
            loading={busy}
            onClick={() => void run()}
            data-testid="people-import-run"
          >
            {tr('校验并导入', 'Check and import')}
          </Button>
        </Space>
        {t && isActive(t.status) && (
          <Alert
            type="info"
            data-testid="people-import-running"
            message={<TaskProgress task={t} />}
            description={
              <span>
                {tr('可离开此页，结果在任务中心', 'You may leave this page; the result waits in the task center')}
                {' · '}
                <Link to={`/tasks?id=${t.id}`} onClick={onClose} data-testid="people-import-task-link">
                  {tr('打开任务中心', 'Open the task center')}
                </Link>
              </span>
            }
          />
        )}
        {t?.status === 'failed' && <Alert type="error" message={t.error} />}
        {t?.status === 'done' && t.report && <RowReport report={t.report} />}
      </Space>
    </Modal>
  );
}
