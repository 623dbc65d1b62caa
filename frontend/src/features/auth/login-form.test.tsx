import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '@/lib/api';
import { renderWithProviders } from '@/test/render';
import { LoginForm } from './login-form';

function problem(status: number, code: string, errors?: { field: string; message: string; code: string }[]) {
  return new ApiProblem({ type: `urn:kinerja:problem:${code}`, title: code, status, detail: 'server prose', errors });
}

describe('LoginForm', () => {
  it('requires a username and a password before calling the server', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<LoginForm onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    expect(await screen.findByText('Isi nama pengguna atau NIP.')).toBeInTheDocument();
    expect(screen.getByText('Isi kata sandi.')).toBeInTheDocument();
    expect(screen.getByLabelText('Nama pengguna atau NIP')).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the trimmed username', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<LoginForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Nama pengguna atau NIP'), '  199001012020121001 ');
    await userEvent.type(screen.getByLabelText('Kata sandi'), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ username: '199001012020121001', password: 'secret' }));
  });

  it('says the credentials are wrong on a 401', async () => {
    const onSubmit = vi.fn().mockRejectedValue(problem(401, 'invalid_credentials'));
    renderWithProviders(<LoginForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Nama pengguna atau NIP'), 'admin');
    await userEvent.type(screen.getByLabelText('Kata sandi'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Nama pengguna/NIP atau kata sandi salah.');
  });

  it('shows the lockout message on a 429', async () => {
    const onSubmit = vi.fn().mockRejectedValue(problem(429, 'too_many_requests'));
    renderWithProviders(<LoginForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Nama pengguna atau NIP'), 'admin');
    await userEvent.type(screen.getByLabelText('Kata sandi'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    expect(await screen.findByText(/Akun dikunci sementara/)).toBeInTheDocument();
  });

  it('puts 422 field errors on their fields', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValue(problem(422, 'validation', [{ field: 'username', message: 'Too long.', code: 'length' }]));
    renderWithProviders(<LoginForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Nama pengguna atau NIP'), 'x');
    await userEvent.type(screen.getByLabelText('Kata sandi'), 'y');
    await userEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    expect(await screen.findByText('Too long.')).toBeInTheDocument();
    expect(screen.getByLabelText('Nama pengguna atau NIP')).toHaveAttribute('aria-invalid', 'true');
  });
});
