//! external_appraisers use cases.
