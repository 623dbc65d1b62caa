//! Translated label sets that presentational components take as props.
import { useTranslation } from 'react-i18next';

export function usePaginationLabels() {
  const { t } = useTranslation();
  return {
    previous: t('common.previous'),
    next: t('common.next'),
    pageOf: (page: number, pages: number) => t('common.pageOf', { page, pages }),
    total: (count: number) => t('common.totalItems', { count }),
  };
}
