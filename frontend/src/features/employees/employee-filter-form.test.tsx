import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { EmployeeFilterForm } from './employee-filter-form';
import { emptyFilters, filtersFromSearch, filtersToQuery, filtersToSearch } from './filters';

const units = [
  { value: 'u-root', label: 'Sekretariat Daerah' },
  { value: 'u-child', label: '— Bagian Umum' },
];

function setup(value = emptyFilters) {
  const onApply = vi.fn();
  renderWithProviders(
    <EmployeeFilterForm
      value={value}
      onApply={onApply}
      units={units}
      positionKinds={['jpt', 'pelaksana']}
      statuses={['active', 'retired']}
      asnTypes={['pns', 'pppk']}
    />,
  );
  return onApply;
}

describe('EmployeeFilterForm', () => {
  it('applies every chosen filter at once and goes back to page 1', async () => {
    const onApply = setup({ ...emptyFilters, page: 4, sort: '-nip' });
    await userEvent.type(screen.getByLabelText('Cari nama atau NIP'), '  Siti ');
    await userEvent.selectOptions(screen.getByLabelText('Unit organisasi'), 'u-child');
    await userEvent.selectOptions(screen.getByLabelText('Jenis jabatan'), 'pelaksana');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'active');
    await userEvent.selectOptions(screen.getByLabelText('Jenis ASN'), 'pppk');
    expect(onApply).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Terapkan' }));
    expect(onApply).toHaveBeenCalledTimes(1);
    expect(onApply).toHaveBeenCalledWith({
      q: 'Siti',
      unit_id: 'u-child',
      include_subtree: true,
      position_kind: 'pelaksana',
      status: 'active',
      asn_type: 'pppk',
      sort: '-nip',
      page: 1,
    });
  });

  it('offers the subtree switch only once a unit is chosen', async () => {
    setup();
    const subtree = screen.getByLabelText('Termasuk sub-unit');
    expect(subtree).toBeDisabled();
    await userEvent.selectOptions(screen.getByLabelText('Unit organisasi'), 'u-root');
    expect(subtree).toBeEnabled();
  });

  it('shows enum values with their Indonesian labels', () => {
    setup();
    expect(screen.getByRole('option', { name: 'Pensiun' })).toHaveValue('retired');
    expect(screen.getByRole('option', { name: 'Pelaksana' })).toHaveValue('pelaksana');
  });

  it('resets to no filters but keeps the sort', async () => {
    const onApply = setup({ ...emptyFilters, q: 'Budi', status: 'retired', sort: '-nip', page: 3 });
    expect(screen.getByLabelText('Cari nama atau NIP')).toHaveValue('Budi');
    await userEvent.click(screen.getByRole('button', { name: 'Atur ulang' }));
    expect(onApply).toHaveBeenCalledWith({ ...emptyFilters, sort: '-nip' });
    expect(screen.getByLabelText('Cari nama atau NIP')).toHaveValue('');
  });
});

describe('employee filters in the URL and the query', () => {
  it('round-trip through the search string', () => {
    const f = { ...emptyFilters, q: 'Siti', unit_id: 'u1', include_subtree: false, status: 'active', sort: '-nip', page: 2 };
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
    expect(filtersToSearch(emptyFilters).toString()).toBe('');
  });

  it('ask for the subtree or the unit alone', () => {
    const withSubtree = filtersToQuery({ ...emptyFilters, unit_id: 'u1' }, 25);
    expect(withSubtree.subtree_of).toBe('u1');
    expect(withSubtree.unit_id).toBeUndefined();
    const alone = filtersToQuery({ ...emptyFilters, unit_id: 'u1', include_subtree: false }, 25);
    expect(alone.unit_id).toBe('u1');
    expect(alone.subtree_of).toBeUndefined();
    expect(filtersToQuery(emptyFilters, 25)).toEqual({
      q: undefined,
      unit_id: undefined,
      subtree_of: undefined,
      position_kind: undefined,
      status: undefined,
      asn_type: undefined,
      sort: 'name',
      page: 1,
      per_page: 25,
    });
  });
});
