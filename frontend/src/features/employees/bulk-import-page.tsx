//! CSV import of employees: the file goes up as text/csv; a 422 lists every row error with
//! its line and column, and nothing is saved.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card, Stat } from '@/components/card';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { toProblem, type FieldError } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';
import { useBulkImport } from './api';

export function BulkImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const upload = useBulkImport();
  const problem = upload.error ? toProblem(upload.error, 0) : null;

  return (
    <div className="stack">
      <PageHeader title={t('employees.bulkTitle')} subtitle={t('employees.bulkIntro')} actions={<Link to="/employees">{t('common.back')}</Link>} />
      <Card>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) void file.text().then((text) => upload.mutate(text));
          }}
        >
          <div className="field">
            <label htmlFor="bulk-file">{t('employees.bulkFile')}</label>
            <input id="bulk-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <Button type="submit" disabled={!file} busy={upload.isPending}>
            {t('employees.bulkUpload')}
          </Button>
        </form>
      </Card>
      {upload.data ? (
        <Card title={t('employees.bulkDone')}>
          <div className="stats">
            <Stat label="created" value={upload.data.created} />
            <Stat label="updated" value={upload.data.updated} />
            <Stat label="unchanged" value={upload.data.unchanged} />
          </div>
          {upload.data.warnings.length ? <RowErrors rows={upload.data.warnings} /> : null}
        </Card>
      ) : null}
      {problem ? (
        <Alert tone="error" title={problem.fieldErrors.length ? t('employees.bulkErrors', { count: problem.fieldErrors.length }) : problemMessage(t, problem)}>
          {problem.fieldErrors.length ? null : problem.detail}
        </Alert>
      ) : null}
      {problem?.fieldErrors.length ? <RowErrors rows={problem.fieldErrors} /> : null}
    </div>
  );
}

function RowErrors({ rows }: { rows: readonly FieldError[] }) {
  const { t } = useTranslation();
  return (
    <DataTable<FieldError & { key: string }>
      caption={t('employees.bulkErrors', { count: rows.length })}
      rows={rows.map((r, i) => ({ ...r, key: `${i}` }))}
      rowKey={(r) => r.key}
      empty={t('common.empty')}
      columns={[
        { key: 'field', header: t('employees.line'), render: (r) => <code>{r.field}</code> },
        { key: 'message', header: t('employees.message'), render: (r) => r.message },
        { key: 'code', header: 'code', render: (r) => <code className="muted">{r.code}</code> },
      ]}
    />
  );
}
