//! The API clients feature's public surface.
export { ApiClientsPage } from './api-clients-page';
