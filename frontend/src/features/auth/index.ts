//! The auth feature's public surface.
export { logout } from './api';
export { ChangePasswordPage } from './change-password-page';
export { LoginPage } from './login-page';
export { RequireAuth, RequireRole } from './require-auth';
export { ADMIN_ROLES, ALL_ROLES, HR_ROLES, SessionProvider, isAdmin, isHr, useSession } from './session';
export type { Role } from './session';
export { AgencyScopeProvider, useAgencies, useAgencyChoice, useAgencyScope } from './agency-scope';
