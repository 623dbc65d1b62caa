//! Handlers, one module per capability; each exposes `routes` and its OpenAPI `Doc`.
pub mod agencies;
pub mod api_clients;
pub mod assignments;
pub mod audit;
pub mod auth;
pub mod employees;
pub mod external_appraisers;
pub mod health;
pub mod me;
pub mod positions;
pub mod reference;
pub mod units;
pub mod users;
