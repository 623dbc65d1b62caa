//! The audit log's own strings (namespace `audit`); the older shared keys (`audit.*`) still come
//! from the default namespace.
import { useTranslation } from 'react-i18next';
import { registerMessages } from '@/lib/i18n';

export const NS = 'audit';

const id = {
  actor: {
    you: 'Anda',
    account: 'akun {{username}}',
    client: 'Klien API {{label}}',
    unlinked: 'akun tanpa data pegawai',
    kind: { user: 'pengguna', client: 'klien API' },
  },
};

const en: typeof id = {
  actor: {
    you: 'You',
    account: 'account {{username}}',
    client: 'API client {{label}}',
    unlinked: 'account without an employee record',
    kind: { user: 'user', client: 'API client' },
  },
};

registerMessages(NS, { id, en });

/** `t` of this feature's namespace (falls back to the shared strings). */
export function useAuditT() {
  return useTranslation(NS);
}
