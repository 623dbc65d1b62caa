//! Accounts of the agency: search, create, reset a password (the temporary one shown once),
//! unlock a locked account.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { SecretBox } from '@/components/copy-button';
import { DataTable } from '@/components/data-table';
import { SelectField, TextField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { isAdmin, useSession } from '@/features/auth';
import { toProblem, type components } from '@/lib/api';
import { formatDateTime } from '@/lib/i18n/format';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { problemMessage } from '@/lib/i18n/problem-message';
import { useCreateUser, useResetPassword, useUnlockUser, useUsers, type UsersQuery } from './api';
import { CreateUserForm } from './create-user-form';

type Role = components['schemas']['Role'];
type UserView = components['schemas']['UserView'];
const PER_PAGE = 25;

export function UsersPage() {
  const { t } = useTranslation();
  const pageLabels = usePaginationLabels();
  const { user } = useSession();
  const canManage = isAdmin(user);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState<UsersQuery>({ page: 1, per_page: PER_PAGE, sort: 'username' });
  const users = useUsers(query);
  const create = useCreateUser();
  const reset = useResetPassword();
  const unlock = useUnlockUser();
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const roles: Role[] = user?.role === 'super_admin' ? ['super_admin', 'agency_admin', 'auditor', 'employee'] : ['agency_admin', 'auditor', 'employee'];
  const actionError = reset.error ?? unlock.error;

  return (
    <div className="stack">
      <PageHeader title={t('users.title')} />
      {secret ? (
        <Alert tone="warning" action={<Button variant="secondary" onClick={() => setSecret(null)}>{t('common.close')}</Button>}>
          <strong>{secret.username}</strong>
          <SecretBox value={secret.password} label={t('users.temporaryPassword')} copyLabel={t('common.copy')} copiedLabel={t('common.copied')} />
        </Alert>
      ) : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {actionError ? <Alert tone="error">{problemMessage(t, toProblem(actionError, 0))}</Alert> : null}
      {canManage ? (
        <Card title={t('users.create')}>
          <CreateUserForm
            roles={roles}
            onCreate={async (body) => {
              const created = await create.mutateAsync(body);
              setNotice(t('users.created'));
              if (created.temporary_password) setSecret({ username: created.username, password: created.temporary_password });
            }}
          />
        </Card>
      ) : null}
      <form
        className="row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ ...query, q: q.trim() || undefined, page: 1 });
        }}
      >
        <TextField label={t('common.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <SelectField
          label={t('users.role')}
          placeholder={t('common.all')}
          options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          value={query.role ?? ''}
          onChange={(e) => setQuery({ ...query, role: (e.target.value || undefined) as Role | undefined, page: 1 })}
        />
        <Button type="submit" variant="secondary">
          {t('common.search')}
        </Button>
      </form>
      {users.isPending ? <Spinner label={t('common.loading')} /> : null}
      {users.error ? <Alert tone="error">{problemMessage(t, toProblem(users.error, 0))}</Alert> : null}
      {users.data ? (
        <>
          <DataTable<UserView>
            caption={t('users.title')}
            rows={users.data.items}
            rowKey={(u) => u.id}
            sort={query.sort}
            onSort={(sort) => setQuery({ ...query, sort, page: 1 })}
            empty={t('common.empty')}
            columns={[
              { key: 'username', header: t('users.username'), sortKey: 'username', render: (u) => <strong>{u.username}</strong> },
              { key: 'role', header: t('users.role'), render: (u) => t(`role.${u.role}`) },
              {
                key: 'employee',
                header: t('users.employee'),
                render: (u) =>
                  u.employee ? (
                    <span>
                      {u.employee.name}
                      <br />
                      <small className="mono muted">{u.employee.nip}</small>
                    </span>
                  ) : (
                    t('common.none')
                  ),
              },
              {
                key: 'status',
                header: t('employee.status'),
                render: (u) => (
                  <span className="row">
                    <span className={u.is_active ? 'badge badge-ok' : 'badge badge-off'}>{u.is_active ? t('common.active') : t('common.inactive')}</span>
                    {u.is_locked ? <span className="badge badge-off">{t('users.locked')}</span> : null}
                  </span>
                ),
              },
              { key: 'last', header: t('users.lastLogin'), sortKey: 'last_login_at', render: (u) => formatDateTime(u.last_login_at) },
              {
                key: 'actions',
                header: t('common.actions'),
                render: (u) =>
                  canManage ? (
                    <span className="row">
                      <Button
                        variant="secondary"
                        busy={reset.isPending && reset.variables === u.id}
                        onClick={() => {
                          setNotice(null);
                          reset.mutate(u.id, {
                            onSuccess: (r) => {
                              if (r.temporary_password) setSecret({ username: r.username, password: r.temporary_password });
                            },
                          });
                        }}
                      >
                        {t('users.resetPassword')}
                      </Button>
                      {u.is_locked ? (
                        <Button
                          variant="secondary"
                          busy={unlock.isPending && unlock.variables === u.id}
                          onClick={() => unlock.mutate(u.id, { onSuccess: () => setNotice(t('users.unlocked')) })}
                        >
                          {t('users.unlock')}
                        </Button>
                      ) : null}
                    </span>
                  ) : null,
              },
            ]}
          />
          <Pagination
            page={users.data.page}
            perPage={users.data.per_page}
            total={users.data.total}
            onPage={(page) => setQuery({ ...query, page })}
            labels={pageLabels}
          />
        </>
      ) : null}
    </div>
  );
}
