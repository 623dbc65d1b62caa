//! API clients: register one (its secret is shown once, with a copy button), list, revoke.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { SecretBox } from '@/components/copy-button';
import { DataTable } from '@/components/data-table';
import { TextField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { isAdmin, useSession } from '@/features/auth';
import { applyFieldErrors, toProblem, type ApiProblem, type components } from '@/lib/api';
import { formatDateTime } from '@/lib/i18n/format';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { problemMessage } from '@/lib/i18n/problem-message';
import { SCOPES, useApiClients, useCreateApiClient, useRevokeApiClient, type ApiClientsQuery } from './api';

type ApiClientView = components['schemas']['ApiClientView'];

interface Values {
  name: string;
  scopes: string[];
}

export function ApiClientsPage() {
  const { t } = useTranslation();
  const pageLabels = usePaginationLabels();
  const { user } = useSession();
  const canManage = isAdmin(user);
  const [query, setQuery] = useState<ApiClientsQuery>({ page: 1, per_page: 25 });
  const clients = useApiClients(query);
  const create = useCreateApiClient();
  const revoke = useRevokeApiClient();
  const [created, setCreated] = useState<{ name: string; clientId: string; secret: string } | null>(null);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { name: '', scopes: ['employees:read'] } });

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      const result = await create.mutateAsync({ name: v.name.trim(), scopes: v.scopes });
      setCreated({ name: result.name, clientId: result.client_id, secret: result.client_secret });
      reset();
    } catch (err) {
      const p = toProblem(err, 0);
      if (p.status === 422 && applyFieldErrors(p, setError, ['name', 'scopes']).length === 0) return;
      setFailure(p);
    }
  });

  return (
    <div className="stack">
      <PageHeader title={t('apiClients.title')} />
      {created ? (
        <Alert tone="warning" title={`${t('apiClients.created')} ${created.name}`} action={<Button variant="secondary" onClick={() => setCreated(null)}>{t('common.close')}</Button>}>
          <p>
            {t('apiClients.clientId')}: <code>{created.clientId}</code>
          </p>
          <SecretBox value={created.secret} label={t('apiClients.secret')} copyLabel={t('common.copy')} copiedLabel={t('common.copied')} />
        </Alert>
      ) : null}
      {revoke.error ? <Alert tone="error">{problemMessage(t, toProblem(revoke.error, 0))}</Alert> : null}
      {canManage ? (
        <Card title={t('apiClients.create')}>
          <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
            {failure ? <Alert tone="error">{problemMessage(t, failure)}</Alert> : null}
            <TextField
              label={t('apiClients.name')}
              error={errors.name?.message}
              {...register('name', { validate: (v) => v.trim() !== '' || t('common.required') })}
            />
            <fieldset className="scopes">
              <legend>{t('apiClients.scopes')}</legend>
              {SCOPES.map((s) => (
                <label key={s} className="checkbox">
                  <input type="checkbox" value={s} {...register('scopes', { validate: (v) => v.length > 0 || t('common.required') })} />
                  <code>{s}</code>
                </label>
              ))}
              {errors.scopes?.message ? (
                <p className="field-error" role="alert">
                  {errors.scopes.message}
                </p>
              ) : null}
            </fieldset>
            <div>
              <Button type="submit" busy={isSubmitting}>
                {t('apiClients.create')}
              </Button>
            </div>
          </form>
        </Card>
      ) : null}
      {clients.isPending ? <Spinner label={t('common.loading')} /> : null}
      {clients.error ? <Alert tone="error">{problemMessage(t, toProblem(clients.error, 0))}</Alert> : null}
      {clients.data ? (
        <>
          <DataTable<ApiClientView>
            caption={t('apiClients.title')}
            rows={clients.data.items}
            rowKey={(c) => c.id}
            empty={t('common.empty')}
            columns={[
              { key: 'name', header: t('apiClients.name'), render: (c) => <strong>{c.name}</strong> },
              { key: 'client', header: t('apiClients.clientId'), render: (c) => <code>{c.client_id}</code> },
              { key: 'scopes', header: t('apiClients.scopes'), render: (c) => c.scopes.map((s) => <code key={s} className="badge">{s}</code>) },
              { key: 'created', header: t('apiClients.createdAt'), render: (c) => formatDateTime(c.created_at) },
              { key: 'used', header: t('apiClients.lastUsedAt'), render: (c) => formatDateTime(c.last_used_at) },
              {
                key: 'state',
                header: t('employee.status'),
                render: (c) =>
                  c.is_active ? (
                    <span className="badge badge-ok">{t('common.active')}</span>
                  ) : (
                    <span className="badge badge-off">
                      {t('apiClients.revokedAt')} {formatDateTime(c.revoked_at)}
                    </span>
                  ),
              },
              {
                key: 'actions',
                header: t('common.actions'),
                render: (c) =>
                  canManage && c.is_active ? (
                    <Button
                      variant="danger"
                      busy={revoke.isPending && revoke.variables === c.id}
                      onClick={() => {
                        if (window.confirm(t('apiClients.confirmRevoke', { name: c.name }))) revoke.mutate(c.id);
                      }}
                    >
                      {t('apiClients.revoke')}
                    </Button>
                  ) : null,
              },
            ]}
          />
          <Pagination
            page={clients.data.page}
            perPage={clients.data.per_page}
            total={clients.data.total}
            onPage={(page) => setQuery({ ...query, page })}
            labels={pageLabels}
          />
        </>
      ) : null}
    </div>
  );
}
