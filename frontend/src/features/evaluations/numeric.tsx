//! The numeric regimes (PP 46/2011, PP 30/2019 with PermenPANRB 8/2021): the appraiser enters
//! behaviour scores and the server scores the evaluation; the snapshot it keeps (inputs, each
//! step, the final value and its label) is shown as it is.
import { useState } from 'react';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { DetailList } from '@/components/card';
import { toProblem } from '@/lib/api';
import { useNumericBehaviour, type Evaluation, type NumericBehaviourBody } from './api';
import { decimal } from './format';
import { useEvaluationsT } from './i18n';
import { describeProblem, type ProblemText } from './problem';

type Key = 'orientasi_pelayanan' | 'integritas' | 'komitmen' | 'disiplin' | 'kerja_sama' | 'inisiatif_kerja' | 'kepemimpinan';

/** The behaviour aspects of each numeric regime (API: NumericBehaviour). */
export function aspectsOf(regime: Evaluation['regime']): { keys: Key[]; max: number } {
  if (regime === 'pp46_2011') return { keys: ['orientasi_pelayanan', 'integritas', 'komitmen', 'disiplin', 'kerja_sama', 'kepemimpinan'], max: 100 };
  return { keys: ['orientasi_pelayanan', 'komitmen', 'inisiatif_kerja', 'kerja_sama', 'kepemimpinan'], max: 120 };
}

const REQUIRED: ReadonlySet<Key> = new Set(['orientasi_pelayanan', 'komitmen', 'kerja_sama', 'integritas', 'disiplin', 'inisiatif_kerja']);

type Snapshot = Record<string, unknown>;

function snapshotOf(e: Evaluation): Snapshot | null {
  const s = e.numeric_snapshot;
  if (!s) return null;
  if (typeof s === 'string') {
    try {
      return JSON.parse(s) as Snapshot;
    } catch {
      return null;
    }
  }
  return typeof s === 'object' ? (s as Snapshot) : null;
}

export function NumericBehaviourForm({ evaluation, etag, onReload }: { evaluation: Evaluation; etag: string; onReload: () => void }) {
  const { t } = useEvaluationsT();
  const { keys, max } = aspectsOf(evaluation.regime);
  const previous = (snapshotOf(evaluation)?.inputs as { behaviour?: Record<string, unknown> } | undefined)?.behaviour ?? {};
  const [values, setValues] = useState<Record<Key, string>>(
    () => Object.fromEntries(keys.map((k) => [k, previous[k] === undefined || previous[k] === null ? '' : String(previous[k])])) as Record<Key, string>,
  );
  const [hasInnovation, setHasInnovation] = useState(evaluation.has_innovation);
  const [innovationNote, setInnovationNote] = useState(evaluation.innovation_note ?? '');
  const [note, setNote] = useState(evaluation.appraiser_note ?? '');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<ProblemText | null>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useNumericBehaviour(evaluation.id);

  async function submit() {
    setFailure(null);
    setStale(false);
    setSaved(null);
    const missing: Partial<Record<string, string>> = {};
    for (const k of keys) if (REQUIRED.has(k) && values[k].trim() === '') missing[k] = t('numeric.required');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    const v = (k: Key) => (keys.includes(k) && values[k].trim() !== '' ? values[k].trim() : null);
    const body: NumericBehaviourBody = {
      orientasi_pelayanan: v('orientasi_pelayanan') ?? '',
      komitmen: v('komitmen') ?? '',
      kerja_sama: v('kerja_sama') ?? '',
      integritas: v('integritas'),
      disiplin: v('disiplin'),
      inisiatif_kerja: v('inisiatif_kerja'),
      kepemimpinan: v('kepemimpinan'),
      has_innovation: hasInnovation,
      innovation_note: hasInnovation ? innovationNote.trim() || null : null,
      appraiser_note: note.trim() || null,
    };
    try {
      const after = await save.mutateAsync({ etag, body });
      const label = (snapshotOf(after)?.label as string | undefined) ?? after.predicate_label ?? '';
      setSaved(label);
    } catch (err) {
      const p = toProblem(err, 0);
      if (p.status === 412) {
        setStale(true);
        return;
      }
      if (p.status === 422 && p.fieldErrors.length) {
        setErrors(Object.fromEntries(p.fieldErrors.map((e) => [e.field, e.message])));
        return;
      }
      setFailure(describeProblem(t, p));
    }
  }

  return (
    <form
      className="stack"
      noValidate
      aria-labelledby="ev-numeric-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="ev-numeric-title">{t('numeric.title')}</h2>
      <p className="muted">{t('numeric.intro', { regime: t(`regime.${evaluation.regime}`) })}</p>
      {stale ? (
        <Alert
          tone="warning"
          action={
            <Button variant="secondary" onClick={onReload}>
              {t('common.reload')}
            </Button>
          }
        >
          {t('rate.stale')}
        </Alert>
      ) : null}
      {failure ? (
        <Alert tone="error" title={failure.title}>
          {failure.detail}
        </Alert>
      ) : null}
      {saved !== null ? <Alert tone="success">{t('numeric.saved', { label: saved })}</Alert> : null}
      <div className="form-grid">
        {keys.map((k) => (
          <div key={k} className={errors[k] ? 'field field-invalid' : 'field'}>
            <label htmlFor={`ev-num-${k}`}>{t(`numeric.${k}`)}</label>
            <input
              id={`ev-num-${k}`}
              type="number"
              inputMode="decimal"
              min={0}
              max={max}
              step="0.01"
              value={values[k]}
              aria-invalid={errors[k] ? true : undefined}
              onChange={(e) => setValues((prev) => ({ ...prev, [k]: e.target.value }))}
            />
            {errors[k] ? (
              <p className="field-error" role="alert">
                {errors[k]}
              </p>
            ) : (
              <p className="field-hint">{k === 'kepemimpinan' ? t('numeric.leadershipHint') : t('numeric.range', { min: 0, max })}</p>
            )}
          </div>
        ))}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={hasInnovation} onChange={(e) => setHasInnovation(e.target.checked)} />
        {t('rate.innovation')}
      </label>
      {hasInnovation ? (
        <div className="field">
          <label htmlFor="ev-num-innovation">{t('rate.innovationNote')}</label>
          <textarea id="ev-num-innovation" rows={2} value={innovationNote} onChange={(e) => setInnovationNote(e.target.value)} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="ev-num-note">{t('rate.note')}</label>
        <textarea id="ev-num-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div>
        <Button type="submit" busy={save.isPending}>
          {t('numeric.save')}
        </Button>
      </div>
    </form>
  );
}

const FIGURES = [
  'nilai_kinerja_utama',
  'nilai_skp',
  'perilaku_jumlah',
  'nilai_perilaku',
  'behaviour_weighting',
  'nilai_kinerja',
  'nilai_prestasi_kerja',
  'label',
] as const;

/** The numeric snapshot the server kept: the final figures, the behaviour scores, each step. */
export function NumericSnapshot({ evaluation, labelFor }: { evaluation: Evaluation; labelFor?: (id: string) => string | undefined }) {
  const { t } = useEvaluationsT();
  const snap = snapshotOf(evaluation);
  if (!snap) return null;
  const figures = FIGURES.filter((k) => snap[k] !== undefined && snap[k] !== null).map((k) => ({
    label: t(`numeric.${k}`),
    value: k === 'label' || k === 'behaviour_weighting' ? String(snap[k]) : decimal(String(snap[k])),
  }));
  const behaviour = ((snap.inputs as { behaviour?: Record<string, unknown> } | undefined)?.behaviour ?? {}) as Record<string, unknown>;
  const steps = Array.isArray(snap.steps) ? (snap.steps as Record<string, unknown>[]) : [];
  return (
    <section className="stack" aria-labelledby="ev-snapshot-title" data-testid="numeric-snapshot">
      <h3 id="ev-snapshot-title">{t('numeric.snapshot')}</h3>
      <DetailList items={figures} />
      {Object.keys(behaviour).length ? (
        <>
          <h4>{t('numeric.behaviourInputs')}</h4>
          <DetailList
            items={Object.entries(behaviour)
              .filter(([, v]) => v !== null && v !== undefined)
              .map(([k, v]) => ({ label: t(`numeric.${k}`, { defaultValue: k }), value: decimal(String(v)) }))}
          />
        </>
      ) : null}
      {steps.length ? (
        <>
          <h4>{t('numeric.steps')}</h4>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('explain.stepValue.indicator_id')}</th>
                  <th scope="col">{t('explain.stepValue.capaian_percent')}</th>
                  <th scope="col">{t('explain.stepValue.category')}</th>
                  <th scope="col">{t('explain.stepValue.nilai')}</th>
                </tr>
              </thead>
              <tbody>
                {steps.map((s, i) => {
                  const id = String(s.indicator_id ?? s.work_result_id ?? '');
                  const score = s.score as Record<string, unknown> | undefined;
                  return (
                    <tr key={i}>
                      <td>{labelFor?.(id) ?? <span className="mono">{id.slice(0, 8)}</span>}</td>
                      <td>{s.capaian_percent !== undefined ? decimal(String(s.capaian_percent)) : '—'}</td>
                      <td>{s.category !== undefined ? String(s.category) : '—'}</td>
                      <td>{decimal(String(s.nilai ?? score?.nilai ?? ''))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
