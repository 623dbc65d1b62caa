//! The employees feature's public surface.
export { useEmployee, useEmployees } from './api';
export { BulkImportPage } from './bulk-import-page';
export { EmployeePicker, type PickedEmployee } from './employee-picker';
export { EmployeeCreatePage } from './employee-create-page';
export { EmployeeDetailPage } from './employee-detail-page';
export { EmployeesPage } from './employees-page';
