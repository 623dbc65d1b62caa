//! Choosing one employee by name or NIP: a search box with up to eight matches.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button';
import { useEmployees, type EmployeeView } from './api';

export interface PickedEmployee {
  id: string;
  name: string;
  nip: string;
}

export function EmployeePicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: PickedEmployee | null;
  onChange: (employee: PickedEmployee | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(text.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [text]);
  const matches = useEmployees({ q, per_page: 8, sort: 'name' });
  const show = !value && q.length >= 2;

  if (value) {
    return (
      <div className="field">
        <span className="field-label" id={`${id}-label`}>
          {label}
        </span>
        <div className="row picked" aria-labelledby={`${id}-label`}>
          <span>
            <strong>{value.name}</strong> <small className="mono muted">{value.nip}</small>
          </span>
          <Button variant="link" onClick={() => onChange(null)}>
            {t('common.edit')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className={error ? 'field field-invalid picker' : 'field picker'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={t('employees.search')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(e) => setText(e.target.value)}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : (
        <p className="field-hint" id={`${id}-hint`}>
          {t('appraisers.pickHint')}
        </p>
      )}
      {show && matches.data ? (
        <ul className="picker-results" aria-label={label}>
          {matches.data.items.length === 0 ? <li className="muted">{t('common.empty')}</li> : null}
          {matches.data.items.map((e: EmployeeView) => (
            <li key={e.id}>
              <button type="button" onClick={() => onChange({ id: e.id, name: e.name, nip: e.nip_display })}>
                <strong>{e.name}</strong> <small className="mono">{e.nip_display}</small>
                {e.position_name ? <small className="muted"> · {e.position_name}</small> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
