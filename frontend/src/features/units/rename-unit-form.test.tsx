import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { RenameUnitForm } from './rename-unit-form';

const stale = new ApiProblem({
  type: 'urn:kinerja:problem:stale_version',
  title: 'Stale',
  status: 412,
  detail: 'The unit changed',
  current_version: 4,
});

describe('RenameUnitForm', () => {
  it('sends the new name', async () => {
    const onRename = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<RenameUnitForm name="Bagian Umum" onRename={onRename} onReload={vi.fn()} />);
    const input = screen.getByLabelText('Nama unit');
    expect(input).toHaveValue('Bagian Umum');
    await userEvent.clear(input);
    await userEvent.type(input, 'Bagian Umum dan Kepegawaian');
    await userEvent.click(screen.getByRole('button', { name: 'Ubah nama' }));
    await waitFor(() => expect(onRename).toHaveBeenCalledWith('Bagian Umum dan Kepegawaian'));
    expect(await screen.findByText('Nama unit disimpan.')).toBeInTheDocument();
  });

  it('on 412 says someone else changed the unit and reloads on request', async () => {
    const onRename = vi.fn().mockRejectedValue(stale);
    const onReload = vi.fn();
    renderWithProviders(<RenameUnitForm name="Bagian Umum" onRename={onRename} onReload={onReload} />);
    await userEvent.type(screen.getByLabelText('Nama unit'), ' X');
    await userEvent.click(screen.getByRole('button', { name: 'Ubah nama' }));
    expect(await screen.findByText(/telah diubah oleh orang lain/)).toBeInTheDocument();
    expect(screen.queryByText('Nama unit disimpan.')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Muat ulang' }));
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/telah diubah oleh orang lain/)).not.toBeInTheDocument();
  });

  it('puts a 422 on the name field', async () => {
    const onRename = vi.fn().mockRejectedValue(
      new ApiProblem({
        type: 'urn:kinerja:problem:validation',
        title: 'Invalid',
        status: 422,
        detail: '',
        errors: [{ field: 'name', message: 'Must be at most 200 characters long.', code: 'length' }],
      }),
    );
    renderWithProviders(<RenameUnitForm name="A" onRename={onRename} onReload={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Ubah nama' }));
    expect(await screen.findByText('Must be at most 200 characters long.')).toBeInTheDocument();
    expect(screen.getByLabelText('Nama unit')).toHaveAttribute('aria-invalid', 'true');
  });

  it('refuses an empty name without calling the server', async () => {
    const onRename = vi.fn();
    renderWithProviders(<RenameUnitForm name="A" onRename={onRename} onReload={vi.fn()} />);
    await userEvent.clear(screen.getByLabelText('Nama unit'));
    await userEvent.click(screen.getByRole('button', { name: 'Ubah nama' }));
    expect(await screen.findByText('Wajib diisi')).toBeInTheDocument();
    expect(onRename).not.toHaveBeenCalled();
  });
});
