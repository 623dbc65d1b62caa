//! Vitest set-up: DOM matchers, Indonesian strings, and a clean DOM and storage per test.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import '@/lib/i18n';
// Every feature's strings (each feature registers its namespace when its module loads).
import '@/app/modules';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});
