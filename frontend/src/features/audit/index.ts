//! The audit feature's public surface.
export { AuditPage } from './audit-page';
