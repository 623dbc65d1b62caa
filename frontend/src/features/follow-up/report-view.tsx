//! One follow-up report: its loading/error/empty states, the rows as a table, paging, and the
//! CSV download of the rows shown (after the on-screen filter).
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { DataTable, type Column } from '@/components/data-table';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { problemText } from '@/features/cycles';
import { formatNumber } from '@/lib/i18n/format';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { downloadCsv, toCsv } from './csv';
import { useFollowUpT } from './i18n';

export interface ReportColumn<T> extends Column<T> {
  /** The cell as CSV text (omit for columns that are not data). */
  csv?: (row: T) => string | number | boolean | null | undefined;
  csvHeader?: string;
  /** In the CSV only (the table shows the value inside another column). */
  csvOnly?: boolean;
}

interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  per_page: number;
}

export function ReportView<T>({
  caption,
  query,
  columns,
  rowKey,
  filter,
  filename,
  empty,
  onPage,
  blocked,
}: {
  caption: string;
  query: UseQueryResult<PageOf<T>>;
  columns: readonly ReportColumn<T>[];
  rowKey: (row: T) => string;
  /** An on-screen filter of the loaded rows (the API has no parameter for it). */
  filter?: (row: T) => boolean;
  filename: string;
  empty: ReactNode;
  onPage: (page: number) => void;
  /** Why the report cannot be asked yet (no cycle chosen...). */
  blocked?: ReactNode;
}) {
  const { t } = useFollowUpT();
  const pageLabels = usePaginationLabels();
  if (blocked) return <Alert tone="info">{blocked}</Alert>;
  if (query.isPending) return <Spinner label={t('common.loading')} />;
  if (query.error || !query.data) return <Alert tone="error">{problemText(t, query.error)}</Alert>;
  const data = query.data;
  const rows = filter ? data.items.filter(filter) : data.items;
  const csvColumns = columns.filter((c) => c.csv).map((c) => ({ header: c.csvHeader ?? String(c.header), value: c.csv as NonNullable<typeof c.csv> }));
  return (
    <div className="stack fu-report" aria-busy={query.isFetching || undefined}>
      <div className="row adm-between">
        <p className="fu-count" role="status">
          {filter && rows.length !== data.items.length
            ? t('countFiltered', { shown: formatNumber(rows.length), loaded: formatNumber(data.items.length), total: formatNumber(data.total) })
            : t('count', { shown: formatNumber(rows.length), total: formatNumber(data.total) })}
        </p>
        <Button variant="secondary" disabled={rows.length === 0} onClick={() => downloadCsv(filename, toCsv(csvColumns, rows))}>
          {t('downloadCsv')}
        </Button>
      </div>
      <DataTable<T> caption={caption} columns={columns.filter((c) => !c.csvOnly)} rows={rows} rowKey={rowKey} empty={empty} />
      {data.total > data.per_page ? <Pagination page={data.page} perPage={data.per_page} total={data.total} onPage={onPage} labels={pageLabels} /> : null}
    </div>
  );
}
