import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { BulkImportPage } from './bulk-import-page';

const CSV = 'nip,asn_type,name\n123,pns,Budi\n199001012020121001,xyz,Siti\n';

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

afterEach(() => vi.unstubAllGlobals());

async function upload() {
  renderWithProviders(<BulkImportPage />);
  const file = new File([CSV], 'pegawai.csv', { type: 'text/csv' });
  await userEvent.upload(screen.getByLabelText('Berkas CSV'), file);
  await userEvent.click(screen.getByRole('button', { name: 'Unggah' }));
}

describe('BulkImportPage', () => {
  it('sends the file as text/csv and lists every row error with its line and column', async () => {
    const fetch = vi.fn(async (_req: Request) =>
      respond(422, {
        type: 'urn:kinerja:problem:validation',
        title: 'The request has invalid fields',
        status: 422,
        detail: 'Correct the rows',
        errors: [
          { field: 'line 2: nip', message: 'The NIP must have 18 digits.', code: 'nip_length' },
          { field: 'line 3: asn_type', message: 'Use pns or pppk.', code: 'invalid_enum' },
        ],
      }),
    );
    vi.stubGlobal('fetch', fetch);
    await upload();

    expect(await screen.findByRole('alert')).toHaveTextContent('2 kesalahan ditemukan; tidak ada data yang disimpan.');
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('line 2: nip');
    expect(rows[0]).toHaveTextContent('The NIP must have 18 digits.');
    expect(rows[1]).toHaveTextContent('line 3: asn_type');

    const request = fetch.mock.calls[0]?.[0] as Request;
    expect(new URL(request.url).pathname).toBe('/api/v1/employees/bulk');
    expect(request.headers.get('Content-Type')).toBe('text/csv');
    expect(await request.text()).toBe(CSV);
  });

  it('reports the counts of a successful import', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(200, { created: 2, updated: 1, unchanged: 0, warnings: [] })));
    await upload();
    expect(await screen.findByText('Impor selesai.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
