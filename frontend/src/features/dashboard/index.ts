//! The dashboard feature's public surface.
export { DashboardPage } from './dashboard-page';
