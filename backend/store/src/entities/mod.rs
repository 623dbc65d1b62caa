//! sea-orm entities, one per table. Used by the service layer only; never exposed over HTTP.
pub mod agency;
pub mod api_client;
pub mod appraiser_assignment;
pub mod audit_chain_head;
pub mod audit_log;
pub mod employee;
pub mod external_appraiser;
pub mod position;
pub mod refresh_token;
pub mod unit;
pub mod user;
