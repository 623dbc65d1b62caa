//! A new employee; the server checks the NIP and answers 422 with errors on the fields.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { unitOptions, useUnitTree } from '@/features/units';
import { useCreateEmployee } from './api';
import { blankEmployee, EmployeeForm } from './employee-form';
import { toCreateBody } from './mapping';

export function EmployeeCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateEmployee();
  const tree = useUnitTree();
  return (
    <div className="stack">
      <PageHeader title={t('employees.createTitle')} actions={<Link to="/employees">{t('common.back')}</Link>} />
      <Card>
        <EmployeeForm
          initial={blankEmployee}
          units={tree.data ? unitOptions(tree.data) : []}
          submitLabel={t('employees.create')}
          onSubmit={async (values) => {
            const created = await create.mutateAsync(toCreateBody(values));
            navigate(`/employees/${created.id}`);
          }}
        />
      </Card>
    </div>
  );
}
