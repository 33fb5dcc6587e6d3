import { useState } from 'react';
import { Alert, Button, Checkbox, Modal, Space, Upload, message } from 'antd';
import { Table } from '../../components/DataTable.js';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { download } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { uploadRoster, type ImportReport } from './api.js';

/** 导入党员名册: upload, see the per-row report (row, column, why); choose to import only the valid rows. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { tr } = useI18n();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [onlyValid, setOnlyValid] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!file || !me) return;
    setBusy(true);
    try {
      const r = await uploadRoster(file, me.csrfToken, onlyValid);
      setReport(r);
      if (r.imported) {
        void message.success(tr(`已导入 ${r.imported} 人`, `${r.imported} imported`));
        await qc.invalidateQueries({ queryKey: ['people'] });
      }
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
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
            beforeUpload={(f) => (setFile(f), setReport(null), false)}
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
            disabled={!file}
            loading={busy}
            onClick={() => void run()}
            data-testid="people-import-run"
          >
            {tr('校验并导入', 'Check and import')}
          </Button>
        </Space>
        {report && (
          <Alert
            type={report.invalidRows ? (report.imported ? 'warning' : 'error') : 'success'}
            message={tr(
              `共 ${report.total} 行：正确 ${report.valid} 行，有误 ${report.invalidRows} 行；已导入 ${report.imported} 行${report.invalidRows && !report.imported ? '（有错误，未写入任何数据）' : ''}`,
              `${report.total} rows: ${report.valid} valid, ${report.invalidRows} wrong; ${report.imported} imported`,
            )}
          />
        )}
        {report && report.errors.length > 0 && (
          <Table
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            size="small"
            dataSource={report.errors}
            pagination={{ pageSize: 10 }}
            data-testid="people-import-report"
            columns={[
              { title: tr('行号', 'Row'), dataIndex: 'row', width: 70 },
              { title: tr('列', 'Column'), dataIndex: 'column', width: 120 },
              { title: tr('原因', 'Why'), dataIndex: 'message' },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
