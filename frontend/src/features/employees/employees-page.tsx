//! The employee list: filters in the URL, server-side sort and paging with the total.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/components/alert';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { isAdmin, useSession } from '@/features/auth';
import { unitOptions, useUnitTree } from '@/features/units';
import { toProblem } from '@/lib/api';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { problemMessage } from '@/lib/i18n/problem-message';
import { useEmployees, type EmployeeView } from './api';
import { EmployeeFilterForm } from './employee-filter-form';
import { ASN_TYPES, EMPLOYEE_STATUSES, POSITION_KINDS } from './enums';
import { filtersFromSearch, filtersToQuery, filtersToSearch, type EmployeeFilters } from './filters';

const PER_PAGE = 25;

export function EmployeesPage() {
  const { t } = useTranslation();
  const pageLabels = usePaginationLabels();
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const employees = useEmployees(filtersToQuery(filters, PER_PAGE));
  const tree = useUnitTree();
  const units = useMemo(() => (tree.data ? unitOptions(tree.data) : []), [tree.data]);
  const go = (f: EmployeeFilters) => setSearch(filtersToSearch(f));

  return (
    <div className="stack">
      <PageHeader
        title={t('employees.title')}
        actions={
          isAdmin(user) ? (
            <>
              <Link className="btn btn-secondary" to="/import">
                {t('nav.bulkImport')}
              </Link>
              <Link className="btn btn-primary" to="/employees/new">
                {t('employees.create')}
              </Link>
            </>
          ) : null
        }
      />
      <EmployeeFilterForm
        value={filters}
        onApply={go}
        units={units}
        positionKinds={POSITION_KINDS}
        statuses={EMPLOYEE_STATUSES}
        asnTypes={ASN_TYPES}
      />
      {employees.error ? <Alert tone="error">{problemMessage(t, toProblem(employees.error, 0))}</Alert> : null}
      {employees.isPending ? <Spinner label={t('common.loading')} /> : null}
      {employees.data ? (
        <>
          <DataTable<EmployeeView>
            caption={t('employees.title')}
            rows={employees.data.items}
            rowKey={(e) => e.id}
            sort={filters.sort}
            onSort={(sort) => go({ ...filters, sort, page: 1 })}
            empty={t('common.empty')}
            columns={[
              {
                key: 'name',
                header: t('employee.name'),
                sortKey: 'name',
                render: (e) => <Link to={`/employees/${e.id}`}>{e.name}</Link>,
              },
              { key: 'nip', header: t('employee.nip'), sortKey: 'nip', render: (e) => <span className="mono nowrap">{e.nip_display}</span> },
              { key: 'asn', header: t('employee.asnType'), render: (e) => t(`enums.asn_type.${e.asn_type}`) },
              { key: 'unit', header: t('employee.unit'), render: (e) => e.unit_name ?? t('common.none') },
              {
                key: 'position',
                header: t('employee.position'),
                render: (e) => (
                  <>
                    {e.position_name ?? t('common.none')}
                    {e.position_kind ? <small className="muted"> · {t(`enums.position_kind.${e.position_kind}`)}</small> : null}
                  </>
                ),
              },
              { key: 'golongan', header: t('employee.golongan'), sortKey: 'golongan', render: (e) => e.golongan ?? t('common.none') },
              {
                key: 'status',
                header: t('employee.status'),
                render: (e) => (
                  <span className={e.status === 'active' ? 'badge badge-ok' : 'badge'}>{t(`enums.employee_status.${e.status}`)}</span>
                ),
              },
            ]}
          />
          <Pagination
            page={employees.data.page}
            perPage={employees.data.per_page}
            total={employees.data.total}
            onPage={(page) => go({ ...filters, page })}
            labels={pageLabels}
          />
        </>
      ) : null}
    </div>
  );
}
