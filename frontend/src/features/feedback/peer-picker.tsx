//! Choosing a colleague to propose or ask as a 360 rater, from the server's list of nominable
//! peers: the evaluated employee's own unit without typing, a search by name or NIP across the
//! agency after two characters (debounced). A radio group, so arrow keys move between people
//! and a screen reader hears how many there are. The list is the same whoever already rates,
//! and nothing here marks anyone as asked: it must never tell the employee who rates them.
import { useEffect, useId, useState } from 'react';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { toProblem } from '@/lib/api';
import { useNominablePeers, type NominablePeer } from './api';
import { useFeedbackT } from './i18n';
import { describeProblem } from './problem';

/** The server's bounds on `q`: shorter lists the own unit, longer is refused. */
export const MIN_QUERY = 2;
export const MAX_QUERY = 100;
const DEBOUNCE_MS = 300;
/** The server answers at most this many people. */
const LIMIT = 20;

export interface PeerPickerProps {
  evaluationId: string;
  /** The group's name ("Rekan kerja", "Pegawai"): the legend of the radio group. */
  label: string;
  value: NominablePeer | null;
  onChange: (peer: NominablePeer | null) => void;
  error?: string;
  /** Whose unit the first list is: the reader's own ("your unit") or the evaluated employee's. */
  audience: 'employee' | 'manager';
}

/** The text typed, settled: what is sent as `q` (empty below the minimum length). */
function useSettledQuery(text: string): string {
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(text.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  return settled.length >= MIN_QUERY ? settled.slice(0, MAX_QUERY) : '';
}

export function PeerPicker({ evaluationId, label, value, onChange, error, audience }: PeerPickerProps) {
  const { t } = useFeedbackT();
  const id = useId();
  const [text, setText] = useState('');
  const q = useSettledQuery(text);
  const peers = useNominablePeers(evaluationId, q);
  const typing = text.trim() !== q && !(text.trim().length < MIN_QUERY && q === '');
  const tooShort = text.trim().length > 0 && text.trim().length < MIN_QUERY;
  // While a new answer is read, the previous list stays, dimmed, rather than flashing empty.
  const stale = peers.isPlaceholderData || typing;
  const rows = peers.data ?? [];
  const same = rows.filter((p) => p.is_same_unit);
  const other = rows.filter((p) => !p.is_same_unit);
  const unitName = same.find((p) => p.unit_name)?.unit_name ?? null;
  const problem = peers.error ? describeProblem(t, toProblem(peers.error, 0)) : null;

  const scope = q
    ? t('peers.found', { count: rows.length, q })
    : unitName
      ? t(audience === 'employee' ? 'peers.ownUnitNamed' : 'peers.theirUnitNamed', { unit: unitName })
      : t(audience === 'employee' ? 'peers.ownUnit' : 'peers.theirUnit');

  const option = (p: NominablePeer) => {
    const optionId = `${id}-${p.id}`;
    const details = [p.position_name, p.unit_name].filter(Boolean).join(' · ');
    return (
      <li key={p.id}>
        <label className={value?.id === p.id ? 'fb-peer fb-peer-checked' : 'fb-peer'}>
          <input
            type="radio"
            name={`${id}-peer`}
            value={p.id}
            checked={value?.id === p.id}
            onChange={() => onChange(p)}
            aria-labelledby={`${optionId}-name`}
            aria-describedby={details ? `${optionId}-details` : undefined}
          />
          <span className="fb-peer-text">
            <strong id={`${optionId}-name`}>{p.name}</strong>
            {details ? (
              <small className="muted" id={`${optionId}-details`}>
                {details}
              </small>
            ) : null}
          </span>
        </label>
      </li>
    );
  };

  return (
    <div className="fb-peer-picker" data-testid="peer-picker">
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('peers.search')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          maxLength={MAX_QUERY}
          autoComplete="off"
          placeholder={t('peers.placeholder')}
          aria-controls={`${id}-list`}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setText(e.target.value)}
        />
        <p className="field-hint" id={`${id}-hint`}>
          {tooShort ? t('peers.tooShort', { count: MIN_QUERY }) : t('peers.hint')}
        </p>
      </div>
      <fieldset
        id={`${id}-list`}
        className={error ? 'fb-peer-list fb-peer-invalid' : 'fb-peer-list'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-scope`}
        aria-busy={stale || peers.isPending ? true : undefined}
      >
        <legend>{label}</legend>
        <p className="muted fb-peer-scope" id={`${id}-scope`} role="status">
          {peers.isPending || stale ? t('peers.searching') : problem ? '' : scope}
        </p>
        {error ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
        {problem ? (
          <Alert tone="error" title={problem.title}>
            {problem.detail}
          </Alert>
        ) : null}
        {peers.data && rows.length === 0 && !stale ? (
          <p className="fb-peer-empty">{q ? t('peers.noMatch', { q }) : t('peers.noColleagues')}</p>
        ) : null}
        {rows.length > 0 ? (
          <div className={stale ? 'fb-peer-options fb-peer-stale' : 'fb-peer-options'}>
            {same.length > 0 && other.length > 0 ? <p className="fb-peer-group">{t('peers.sameUnit')}</p> : null}
            {same.length > 0 ? <ul>{same.map(option)}</ul> : null}
            {other.length > 0 && same.length > 0 ? <p className="fb-peer-group">{t('peers.otherUnits')}</p> : null}
            {other.length > 0 ? <ul>{other.map(option)}</ul> : null}
          </div>
        ) : null}
        {rows.length >= LIMIT && !stale ? <p className="muted fb-peer-more">{t('peers.limited', { count: LIMIT })}</p> : null}
      </fieldset>
      {value ? (
        <p className="fb-peer-chosen" aria-live="polite">
          <span>
            {t('peers.chosen')} <strong>{value.name}</strong>
            {value.unit_name ? <small className="muted"> · {value.unit_name}</small> : null}
          </span>
          <Button variant="link" onClick={() => onChange(null)}>
            {t('peers.clear')}
          </Button>
        </p>
      ) : null}
    </div>
  );
}
