import { Alert, Space } from 'antd';
import { Table } from '../../components/DataTable.js';
import { useI18n } from '../../app/i18n.js';
import type { ImportReport } from '../../../shared/api/people.js';

/** An import's row report: the counts, then which row, which column, why. */
export function RowReport({ report }: { report: ImportReport }) {
  const { tr } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="row-report">
      <Alert
        type={report.invalidRows ? (report.imported ? 'warning' : 'error') : 'success'}
        message={tr(
          `共 ${report.total} 行：正确 ${report.valid} 行，有误 ${report.invalidRows} 行；已导入 ${report.imported} 行${report.invalidRows && !report.imported ? '（有错误，未写入任何数据）' : ''}`,
          `${report.total} rows: ${report.valid} valid, ${report.invalidRows} wrong; ${report.imported} imported${report.invalidRows && !report.imported ? ' (nothing written)' : ''}`,
        )}
      />
      {report.errors.length > 0 && (
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
  );
}
