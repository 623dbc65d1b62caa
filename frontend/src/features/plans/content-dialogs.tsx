//! Editing the leader's specific expectations (one per BerAKHLAK value) and the three annex
//! lists of a draft plan; each is replaced as a whole, as the API takes it.
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { toProblem, type ApiProblem } from '@/lib/api';
import { usePutAnnexes, usePutExpectations, type Annexes, type ExpectationView } from './api';
import { TextAreaField } from './fields';
import { usePlansT } from './i18n';
import { ProblemAlert } from './problem-alert';

/** Non-empty trimmed lines of a textarea. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export function ExpectationsDialog({
  planId,
  expectations,
  open,
  onClose,
}: {
  planId: string;
  expectations: readonly ExpectationView[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = usePlansT();
  const formId = useId();
  const put = usePutExpectations(planId);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const values = Object.fromEntries(expectations.map((e) => [e.core_value, e.expectation ?? '']));
  const { register, handleSubmit, reset, formState } = useForm<Record<string, string>>({ values });
  const close = () => {
    setFailure(null);
    reset();
    onClose();
  };
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await put.mutateAsync(
        expectations
          .map((e) => ({ core_value: e.core_value, expectation: (v[e.core_value] ?? '').trim() }))
          .filter((e) => e.expectation !== ''),
      );
      close();
    } catch (err) {
      setFailure(toProblem(err, 0));
    }
  });
  return (
    <Dialog
      open={open}
      title={t('exp.title')}
      onClose={close}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} busy={formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <form id={formId} className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <ProblemAlert problem={failure} />
        <p className="field-hint">{t('exp.hint')}</p>
        {expectations.map((e) => (
          <TextAreaField key={e.core_value} label={e.label} rows={2} {...register(e.core_value)} />
        ))}
      </form>
    </Dialog>
  );
}

const ANNEX_KEYS = ['resources', 'accountability', 'consequences'] as const;

export function AnnexesDialog({ planId, annexes, open, onClose }: { planId: string; annexes: Annexes; open: boolean; onClose: () => void }) {
  const { t } = usePlansT();
  const formId = useId();
  const put = usePutAnnexes(planId);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const values = {
    resources: (annexes.resources ?? []).join('\n'),
    accountability: (annexes.accountability ?? []).join('\n'),
    consequences: (annexes.consequences ?? []).join('\n'),
  };
  const { register, handleSubmit, reset, formState } = useForm<typeof values>({ values });
  const close = () => {
    setFailure(null);
    reset();
    onClose();
  };
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await put.mutateAsync({ resources: linesOf(v.resources), accountability: linesOf(v.accountability), consequences: linesOf(v.consequences) });
      close();
    } catch (err) {
      setFailure(toProblem(err, 0));
    }
  });
  return (
    <Dialog
      open={open}
      title={t('annex.title')}
      onClose={close}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} busy={formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <form id={formId} className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <ProblemAlert problem={failure} />
        {ANNEX_KEYS.map((k) => (
          <TextAreaField key={k} label={t(`doc.${k}`)} hint={t('annex.hint')} rows={4} {...register(k)} />
        ))}
      </form>
    </Dialog>
  );
}
