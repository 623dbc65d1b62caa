//! The session as React sees it: who is logged in, whether the app is still restoring a session
//! after a reload, and the role checks the shell and guards use.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { auth, onSessionEnded, tokens, type SessionUser } from '@/lib/api';

export type Role = SessionUser['role'];
export const HR_ROLES: readonly Role[] = ['super_admin', 'agency_admin', 'auditor'];
export const ADMIN_ROLES: readonly Role[] = ['super_admin', 'agency_admin'];
export const ALL_ROLES: readonly Role[] = [...HR_ROLES, 'employee'];

interface SessionState {
  user: SessionUser | null;
  /** True while a refresh token from before a reload is being exchanged. */
  restoring: boolean;
  /** True once a session ended by itself (refresh refused), to explain the login page. */
  ended: boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const user = useSyncExternalStore(tokens.subscribe, tokens.user, tokens.user);
  const [restoring, setRestoring] = useState(() => tokens.user() === null && tokens.refreshToken() !== null);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    if (!restoring) return;
    // Single-flight: StrictMode's double effect shares the one refresh.
    void auth.refreshSession().finally(() => setRestoring(false));
  }, [restoring]);

  useEffect(() => onSessionEnded(() => setEnded(true)), []);
  return <SessionContext.Provider value={{ user, restoring, ended: ended && !user }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function isHr(user: SessionUser | null): boolean {
  return !!user && HR_ROLES.includes(user.role);
}

export function isAdmin(user: SessionUser | null): boolean {
  return !!user && ADMIN_ROLES.includes(user.role);
}
