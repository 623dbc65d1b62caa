//! api_clients use cases.
