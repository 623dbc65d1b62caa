//! Units: the tree on the left; the selected unit's details and changes on the right.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { Card, DetailList } from '@/components/card';
import { SelectField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { isAdmin, useSession } from '@/features/auth';
import { toProblem, type ApiProblem } from '@/lib/api';
import { problemMessage } from '@/lib/i18n/problem-message';
import { useCreateUnit, useMoveUnit, useRenameUnit, useSetUnitActive, useUnit, useUnitTree } from './api';
import { CreateUnitForm } from './create-unit-form';
import { RenameUnitForm } from './rename-unit-form';
import { flatten, subtreeIds } from './tree';
import { UnitTree } from './unit-tree';

export function UnitsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const canManage = isAdmin(user);
  const [showInactive, setShowInactive] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const tree = useUnitTree(showInactive);
  const create = useCreateUnit();

  return (
    <div className="stack">
      <PageHeader title={t('units.title')} />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <div className="split">
        <Card
          title={t('units.tree')}
          actions={
            <label className="checkbox">
              <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
              {t('units.showInactive')}
            </label>
          }
        >
          {tree.isPending ? <Spinner label={t('common.loading')} /> : null}
          {tree.error ? <Alert tone="error">{problemMessage(t, toProblem(tree.error, 0))}</Alert> : null}
          {tree.data ? (
            tree.data.length ? (
              <UnitTree nodes={tree.data} selectedId={selectedId} onSelect={(id) => { setNotice(null); setSelectedId(id); }} />
            ) : (
              <p className="muted">{t('common.empty')}</p>
            )
          ) : null}
        </Card>
        <div className="stack">
          {selectedId ? (
            <SelectedUnit key={selectedId} id={selectedId} canManage={canManage} onNotice={setNotice} />
          ) : (
            <Card>
              <p className="muted">{t('units.selectHint')}</p>
            </Card>
          )}
          {canManage ? (
            <Card title={selectedId ? t('units.createChild') : t('units.createRoot')}>
              <CreateUnitForm
                parentId={selectedId}
                onCreate={async (body) => {
                  const unit = await create.mutateAsync(body);
                  setNotice(t('units.created', { name: unit.name }));
                }}
              />
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function SelectedUnit({ id, canManage, onNotice }: { id: string; canManage: boolean; onNotice: (text: string) => void }) {
  const { t } = useTranslation();
  const unit = useUnit(id);
  const tree = useUnitTree(true);
  const rename = useRenameUnit();
  const move = useMoveUnit();
  const setActive = useSetUnitActive();
  const [target, setTarget] = useState('');
  const [failure, setFailure] = useState<ApiProblem | null>(null);

  const moveOptions = useMemo(() => {
    if (!tree.data) return [];
    const excluded = subtreeIds(tree.data, id);
    return flatten(tree.data)
      .filter((u) => !excluded.has(u.id) && u.is_active)
      .map((u) => ({ value: u.id, label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}` }));
  }, [tree.data, id]);

  if (unit.isPending) return <Spinner label={t('common.loading')} />;
  if (unit.error) return <Alert tone="error">{problemMessage(t, toProblem(unit.error, 0))}</Alert>;
  const { unit: u, etag } = unit.data;
  const reload = () => {
    setFailure(null);
    void unit.refetch();
  };

  async function run(action: () => Promise<unknown>, success: string) {
    setFailure(null);
    try {
      await action();
      onNotice(success);
    } catch (err) {
      setFailure(toProblem(err, 0));
    }
  }

  return (
    <Card title={u.name} actions={<Link to={`/employees?unit=${u.id}`}>{t('units.employeesInUnit')}</Link>}>
      <div className="stack">
        <DetailList
          items={[
            { label: t('units.code'), value: <code>{u.code}</code> },
            { label: t('units.kind'), value: t(`enums.unit_kind.${u.kind}`) },
            {
              label: t('employee.status'),
              value: <span className={u.is_active ? 'badge badge-ok' : 'badge badge-off'}>{u.is_active ? t('common.active') : t('common.inactive')}</span>,
            },
          ]}
        />
        {failure ? (
          failure.status === 412 ? (
            <Alert tone="warning" action={<Button variant="secondary" onClick={reload}>{t('common.reload')}</Button>}>
              {t('units.staleReload')}
            </Alert>
          ) : (
            <Alert tone="error" title={problemMessage(t, failure)}>
              {failure.detail}
            </Alert>
          )
        ) : null}
        {canManage ? (
          <>
            <RenameUnitForm
              name={u.name}
              onReload={reload}
              onRename={async (name) => {
                await rename.mutateAsync({ id: u.id, etag, name });
              }}
            />
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() => move.mutateAsync({ id: u.id, etag, parentId: target || null }), t('units.moved'));
              }}
            >
              <SelectField
                label={t('units.moveTo')}
                options={moveOptions}
                placeholder={t('units.root')}
                value={target}
                onChange={(e) => setTarget(e.target.value)}
              />
              <Button type="submit" variant="secondary" busy={move.isPending}>
                {t('units.move')}
              </Button>
            </form>
            <div>
              {u.is_active ? (
                <Button
                  variant="danger"
                  busy={setActive.isPending}
                  onClick={() => void run(() => setActive.mutateAsync({ id: u.id, etag, active: false }), t('units.deactivated'))}
                >
                  {t('units.deactivate')}
                </Button>
              ) : (
                <Button
                  variant="secondary"
                  busy={setActive.isPending}
                  onClick={() => void run(() => setActive.mutateAsync({ id: u.id, etag, active: true }), t('units.activated'))}
                >
                  {t('units.activate')}
                </Button>
              )}
            </div>
          </>
        ) : null}
      </div>
    </Card>
  );
}
