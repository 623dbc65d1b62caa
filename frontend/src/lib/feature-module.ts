//! What a feature contributes to the app shell: its routes and its navigation entries. The app
//! composes every feature's module in `app/router.tsx` and `app/nav.ts`; a feature never edits
//! those files to add a page.
import type { RouteObject } from 'react-router';

export interface NavItem<R extends string = string> {
  to: string;
  /** i18n key; a feature's own keys are namespaced (`plans:nav.plans`). */
  label: string;
  roles: readonly R[];
  /** Where the entry goes in the side navigation (lower first). */
  order: number;
}

export interface FeatureModule<R extends string = string> {
  /** Children of the signed-in shell. Guard HR-only pages with `RequireRole`. */
  routes: RouteObject[];
  nav: readonly NavItem<R>[];
}
