//! Previous/next paging with the total count.
import { Button } from './button';

export interface PaginationProps {
  page: number;
  perPage: number;
  total: number;
  onPage: (page: number) => void;
  labels: { previous: string; next: string; pageOf: (page: number, pages: number) => string; total: (n: number) => string };
}

export function Pagination({ page, perPage, total, onPage, labels }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <nav className="pagination" aria-label="pagination">
      <span className="pagination-total">{labels.total(total)}</span>
      <Button variant="secondary" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        {labels.previous}
      </Button>
      <span aria-current="page">{labels.pageOf(page, pages)}</span>
      <Button variant="secondary" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        {labels.next}
      </Button>
    </nav>
  );
}
