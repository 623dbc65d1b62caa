//! The audit log: filters, paging, an entry's before/after, and verifying the hash chain.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card, DetailList } from '@/components/card';
import { DataTable } from '@/components/data-table';
import { TextField } from '@/components/field';
import { JsonDiff } from '@/components/json-diff';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { Spinner } from '@/components/spinner';
import { toProblem, type components } from '@/lib/api';
import { formatDateTime } from '@/lib/i18n/format';
import { usePaginationLabels } from '@/lib/i18n/labels';
import { problemMessage } from '@/lib/i18n/problem-message';
import { AuditActor } from './actor';
import { dayBoundary, useAuditEntries, useVerifyChain, type AuditQuery } from './api';

type Entry = components['schemas']['AuditEntryView'];
interface FilterValues {
  entity_type: string;
  entity_id: string;
  action: string;
  from: string;
  until: string;
}
const PER_PAGE = 25;

export function AuditPage() {
  const { t } = useTranslation();
  const pageLabels = usePaginationLabels();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, per_page: PER_PAGE });
  const [selected, setSelected] = useState<Entry | null>(null);
  const entries = useAuditEntries(query);
  const verify = useVerifyChain();
  const { register, handleSubmit, reset } = useForm<FilterValues>({
    defaultValues: { entity_type: '', entity_id: '', action: '', from: '', until: '' },
  });
  const apply = handleSubmit((v) => {
    setSelected(null);
    setQuery({
      entity_type: v.entity_type.trim() || undefined,
      entity_id: v.entity_id.trim() || undefined,
      action: v.action.trim() || undefined,
      from: dayBoundary(v.from, false),
      to: dayBoundary(v.until, true),
      page: 1,
      per_page: PER_PAGE,
    });
  });

  const report = verify.data;
  return (
    <div className="stack">
      <PageHeader
        title={t('audit.title')}
        actions={
          <Button variant="secondary" busy={verify.isPending} onClick={() => verify.mutate({})}>
            {t('audit.verify')}
          </Button>
        }
      />
      {report ? (
        report.is_intact || !report.first_break ? (
          <Alert tone="success">{t('audit.intact', { count: report.checked })}</Alert>
        ) : (
          <Alert tone="error">
            {t('audit.broken', { seq: report.first_break.seq, kind: report.first_break.kind, message: report.first_break.message })}
          </Alert>
        )
      ) : null}
      {verify.error ? <Alert tone="error">{problemMessage(t, toProblem(verify.error, 0))}</Alert> : null}
      <form className="card card-body filters" role="search" onSubmit={(e) => void apply(e)}>
        <div className="row">
          <TextField label={t('audit.entityType')} placeholder="employee" {...register('entity_type')} />
          <TextField label={t('audit.entityId')} {...register('entity_id')} />
          <TextField label={t('audit.action')} placeholder="employee.update" {...register('action')} />
          <TextField label={t('audit.from')} type="date" {...register('from')} />
          <TextField label={t('audit.until')} type="date" {...register('until')} />
          <Button type="submit">{t('common.apply')}</Button>
          <Button
            variant="secondary"
            onClick={() => {
              reset();
              setQuery({ page: 1, per_page: PER_PAGE });
            }}
          >
            {t('common.reset')}
          </Button>
        </div>
      </form>
      {entries.isPending ? <Spinner label={t('common.loading')} /> : null}
      {entries.error ? <Alert tone="error">{problemMessage(t, toProblem(entries.error, 0))}</Alert> : null}
      {entries.data ? (
        <div className="stack">
          <div className="stack">
            <DataTable<Entry>
              caption={t('audit.title')}
              rows={entries.data.items}
              rowKey={(e) => `${e.chain}-${e.seq}`}
              empty={t('common.empty')}
              columns={[
                { key: 'seq', header: '#', render: (e) => <span className="mono">{e.seq}</span> },
                { key: 'at', header: t('audit.at'), render: (e) => formatDateTime(e.at) },
                { key: 'actor', header: t('audit.actor'), render: (e) => <AuditActor entry={e} /> },
                { key: 'action', header: t('audit.action'), render: (e) => <code>{e.action}</code> },
                {
                  key: 'details',
                  header: t('audit.details'),
                  render: (e) => (
                    <Button variant="link" aria-pressed={selected?.seq === e.seq} onClick={() => setSelected(e)}>
                      {t('audit.details')}
                    </Button>
                  ),
                },
              ]}
            />
            <Pagination
              page={entries.data.page}
              perPage={entries.data.per_page}
              total={entries.data.total}
              onPage={(page) => setQuery({ ...query, page })}
              labels={pageLabels}
            />
          </div>
          {selected ? (
            <Card title={`#${selected.seq} ${selected.action}`} actions={<Button variant="link" onClick={() => setSelected(null)}>{t('common.close')}</Button>}>
              <div className="stack">
                <DetailList
                  items={[
                    { label: t('audit.at'), value: formatDateTime(selected.at) },
                    { label: t('audit.actor'), value: <AuditActor entry={selected} /> },
                    { label: t('audit.entity'), value: <code>{`${selected.entity_type} ${selected.entity_id}`}</code> },
                    { label: 'Request', value: <code>{selected.request_id}</code> },
                  ]}
                />
                <JsonDiff
                  before={selected.before}
                  after={selected.after}
                  labels={{ field: t('audit.field'), before: t('audit.before'), after: t('audit.after') }}
                />
              </div>
            </Card>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
