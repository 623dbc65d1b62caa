//! The units feature's public surface.
export { useUnitCount, useUnitTree } from './api';
export { unitOptions } from './tree';
export { UnitsPage } from './units-page';
