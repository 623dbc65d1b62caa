//! The appraisers feature's public surface.
export { AppraisersPage } from './appraisers-page';
