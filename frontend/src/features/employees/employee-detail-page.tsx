//! One employee: the record (edit with If-Match), NIP warnings, and the appraiser history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert } from '@/components/alert';
import { Card, DetailList } from '@/components/card';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { isAdmin, useSession } from '@/features/auth';
import { unitOptions, useUnitTree } from '@/features/units';
import { toProblem, type components } from '@/lib/api';
import { formatDate } from '@/lib/i18n/format';
import { problemMessage } from '@/lib/i18n/problem-message';
import { useEmployee, useEmployeeAssignments, useUpdateEmployee } from './api';
import { EmployeeForm } from './employee-form';
import { toFormValues, toUpdateBody } from './mapping';

type Assignment = components['schemas']['AssignmentView'];

export function EmployeeDetailPage() {
  const { t } = useTranslation();
  const { employeeId = '' } = useParams();
  const { user } = useSession();
  const employee = useEmployee(employeeId);
  const update = useUpdateEmployee();
  const tree = useUnitTree();
  const [saved, setSaved] = useState(false);

  if (employee.isPending) return <Spinner label={t('common.loading')} />;
  if (employee.error) return <Alert tone="error">{problemMessage(t, toProblem(employee.error, 0))}</Alert>;
  const { employee: e, etag } = employee.data;
  const initial = toFormValues(e);

  return (
    <div className="stack">
      <PageHeader title={e.name} subtitle={<span className="mono">{e.nip_display}</span>} actions={<Link to="/employees">{t('common.back')}</Link>} />
      {e.warnings.length ? (
        <Alert tone="warning" title={t('employees.warnings')}>
          <ul>
            {e.warnings.map((w) => (
              <li key={w.code}>{w.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="grid">
        <Card title={t('employees.detailTitle')}>
          <DetailList
            items={[
              { label: t('employee.asnType'), value: t(`enums.asn_type.${e.asn_type}`) },
              { label: t('employee.unit'), value: e.unit_name ?? t('common.none') },
              { label: t('employee.position'), value: e.position_name ?? t('common.none') },
              { label: t('employee.golongan'), value: [e.golongan, e.pangkat].filter(Boolean).join(' — ') || t('common.none') },
              { label: t('employee.birthOn'), value: formatDate(e.birth_on) },
              { label: t('employee.sex'), value: t(`enums.sex.${e.sex}`) },
              { label: t('employee.status'), value: t(`enums.employee_status.${e.status}`) },
              { label: t('employee.email'), value: e.email ?? t('common.none') },
              { label: t('employee.phone'), value: e.phone ?? t('common.none') },
            ]}
          />
        </Card>
        <AppraiserHistory employeeId={e.id} />
      </div>
      {isAdmin(user) ? (
        <Card title={t('employees.editTitle')}>
          {saved ? <Alert tone="success">{t('employees.saved')}</Alert> : null}
          <EmployeeForm
            initial={initial}
            units={tree.data ? unitOptions(tree.data) : []}
            submitLabel={t('common.save')}
            onReload={() => void employee.refetch()}
            onSubmit={async (values) => {
              setSaved(false);
              await update.mutateAsync({ id: e.id, etag, body: toUpdateBody(initial, values) });
              setSaved(true);
            }}
          />
        </Card>
      ) : null}
    </div>
  );
}

function AppraiserHistory({ employeeId }: { employeeId: string }) {
  const { t } = useTranslation();
  const assignments = useEmployeeAssignments(employeeId);
  return (
    <Card title={t('employees.appraiserHistory')}>
      {assignments.isPending ? <Spinner label={t('common.loading')} /> : null}
      {assignments.error ? <Alert tone="error">{problemMessage(t, toProblem(assignments.error, 0))}</Alert> : null}
      {assignments.data ? (
        <DataTable<Assignment>
          caption={t('employees.appraiserHistory')}
          rows={assignments.data.items}
          rowKey={(a) => a.id}
          empty={t('employees.noHistory')}
          columns={[
            {
              key: 'appraiser',
              header: t('appraisers.appraiser'),
              render: (a) => (
                <>
                  {a.appraiser.name}
                  <br />
                  <small className="muted">{a.appraiser.position ?? ''}</small>
                </>
              ),
            },
            { key: 'kind', header: t('appraisers.actingKind'), render: (a) => t(`enums.acting_kind.${a.acting_kind}`) },
            { key: 'from', header: t('appraisers.validFrom'), render: (a) => formatDate(a.valid_from) },
            { key: 'until', header: t('appraisers.validUntil'), render: (a) => formatDate(a.valid_until) },
          ]}
        />
      ) : null}
    </Card>
  );
}
