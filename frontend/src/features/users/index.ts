//! The users feature's public surface.
export { UsersPage } from './users-page';
