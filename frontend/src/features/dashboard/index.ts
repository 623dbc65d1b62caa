//! The dashboard feature's public surface: the landing page and the top bar's notification bell.
export { DashboardPage } from './dashboard-page';
export { NotificationBell } from './notification-bell';
