//! Evidence (bukti dukung): a list with SHA-256, size, type and a download for files or the
//! link itself; adding a link or uploading a file within the cycle's evidence policy (size and
//! type shown up front; 413/415 explained).
import { useId, useRef, useState } from 'react';
import { Alert } from '@/components/alert';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { toProblem, type ApiProblem } from '@/lib/api';
import { formatDateTime } from '@/lib/i18n/format';
import { downloadEvidence, useCreateEvidenceLink, useDeleteEvidence, useUploadEvidence, type EvidenceView, type PlanView } from './api';
import { ConfirmDialog } from './fields';
import { contentTypeName, formatBytes, whoLabel } from './format';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';

export interface EvidencePolicy {
  max_file_bytes?: number;
  allowed_content_types?: string[];
}

export const DEFAULT_POLICY: Required<EvidencePolicy> = {
  max_file_bytes: 10 * 1024 * 1024,
  allowed_content_types: [
    'application/pdf',
    'image/png',
    'image/jpeg',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv',
  ],
};

export function EvidenceList({
  plan,
  items,
  canDelete,
  describe,
}: {
  plan: PlanView;
  items: readonly EvidenceView[];
  canDelete: boolean;
  /** What an evidence backs (an indicator and period), when the caller knows. */
  describe?: (e: EvidenceView) => string | null;
}) {
  const planId = plan.id;
  const { t, i18n } = usePlansT();
  const remove = useDeleteEvidence(planId);
  const [deleting, setDeleting] = useState<EvidenceView | null>(null);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  if (items.length === 0) return <p className="muted">{t('real.noEvidence')}</p>;
  const nameOf = (e: EvidenceView) => e.file_name ?? e.uri ?? e.id;
  return (
    <>
      <ProblemAlert problem={failure} />
      <ul className="plans-evidence">
        {items.map((e) => (
          <li key={e.id}>
            <div className="plans-evidence-main">
              {e.uri ? (
                <a href={e.uri} target="_blank" rel="noreferrer noopener">
                  {e.uri}
                </a>
              ) : (
                <Button
                  variant="link"
                  aria-label={t('real.download', { name: nameOf(e) })}
                  onClick={() => {
                    setFailure(null);
                    downloadEvidence(e).catch((err: unknown) => setFailure(toProblem(err, 0)));
                  }}
                >
                  ⬇ {nameOf(e)}
                </Button>
              )}
              {canDelete ? (
                <Button variant="link" aria-label={t('real.deleteEvidence', { name: nameOf(e) })} onClick={() => setDeleting(e)}>
                  {t('delete')}
                </Button>
              ) : null}
            </div>
            <small className="muted">
              {e.content_type ? `${t('real.type')}: ${contentTypeName(e.content_type)} · ` : ''}
              {e.size_bytes !== null && e.size_bytes !== undefined ? `${t('real.size')}: ${formatBytes(e.size_bytes, i18n.language)} · ` : ''}
              {e.source_system ? `${t('real.source', { source: e.source_system })} · ` : ''}
              {t('real.uploadedBy', { who: whoLabel(e.uploaded_by, plan), at: formatDateTime(e.uploaded_at) })}
            </small>
            {describe?.(e) ? (
              <small>
                {t('real.linkTo')}: {describe(e)}
              </small>
            ) : null}
            {e.sha256 ? (
              <small className="plans-sha">
                {t('real.sha')}: <span className="mono">{e.sha256}</span>
              </small>
            ) : null}
          </li>
        ))}
      </ul>
      {deleting ? (
        <ConfirmDialog
          open
          danger
          title={t('real.deleteEvidence', { name: nameOf(deleting) })}
          message={t('real.confirmDeleteEvidence', { name: nameOf(deleting) })}
          confirmLabel={t('delete')}
          onConfirm={() => remove.mutateAsync(deleting.id)}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </>
  );
}

/** Adding evidence to a realization (or a work result): a link, or a file upload. */
export function EvidenceForms({
  planId,
  realizationId,
  workResultId,
  policy,
}: {
  planId: string;
  realizationId?: string | null;
  workResultId?: string | null;
  policy: EvidencePolicy | null | undefined;
}) {
  const { t, i18n } = usePlansT();
  const fileId = useId();
  const limits = { ...DEFAULT_POLICY, ...(policy ?? {}) };
  const link = useCreateEvidenceLink(planId);
  const upload = useUploadEvidence(planId);
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const ctx = { maxBytes: limits.max_file_bytes, types: limits.allowed_content_types, lang: i18n.language };
  const max = formatBytes(limits.max_file_bytes, i18n.language);
  const types = limits.allowed_content_types.map(contentTypeName).join(', ');

  const addLink = async () => {
    setFailure(null);
    setDone(null);
    if (!/^https?:\/\/\S+$/i.test(url.trim())) {
      setUrlError(t('real.urlInvalid'));
      return;
    }
    setUrlError(undefined);
    try {
      await link.mutateAsync({ uri: url.trim(), realization_id: realizationId ?? null, work_result_id: workResultId ?? null });
      setUrl('');
      setDone(t('real.linkAdded'));
    } catch (err) {
      const problem = toProblem(err, 0);
      const uriError = problem.fieldErrors.find((e) => e.field === 'uri');
      if (uriError) setUrlError(uriError.message);
      else setFailure(problem);
    }
  };

  const send = async () => {
    setFailure(null);
    setDone(null);
    if (!file) {
      setFileError(t('real.chooseFile'));
      return;
    }
    // Said before sending; the server's 413 remains the authority.
    if (file.size > limits.max_file_bytes) {
      setFileError(t('real.tooLarge', { name: file.name, size: formatBytes(file.size, i18n.language), max }));
      return;
    }
    setFileError(undefined);
    try {
      await upload.mutateAsync({ file, realizationId, workResultId });
      setDone(t('real.uploaded', { name: file.name }));
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
    } catch (err) {
      setFailure(toProblem(err, 0));
    }
  };

  return (
    <div className="stack plans-evidence-forms">
      <ProblemAlert problem={failure} context={ctx} />
      {done ? <Alert tone="success">{done}</Alert> : null}
      <div className="row">
        <TextField
          label={t('real.url')}
          type="url"
          inputMode="url"
          placeholder="https://"
          value={url}
          error={urlError}
          onChange={(e) => setUrl(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void addLink();
            }
          }}
        />
        <Button variant="secondary" busy={link.isPending} onClick={() => void addLink()}>
          {t('real.addLink')}
        </Button>
      </div>
      <div className="row">
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor={fileId}>{t('real.file')}</label>
          <input
            ref={fileRef}
            id={fileId}
            type="file"
            accept={limits.allowed_content_types.join(',')}
            aria-describedby={`${fileId}-hint`}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(undefined);
            }}
          />
          <p className="field-hint" id={`${fileId}-hint`}>
            {t('real.fileHint', { max, types })}
          </p>
          {fileError ? (
            <p className="field-error" role="alert">
              {fileError}
            </p>
          ) : null}
        </div>
        <Button variant="secondary" busy={upload.isPending} onClick={() => void send()}>
          {t('real.upload')}
        </Button>
      </div>
    </div>
  );
}
