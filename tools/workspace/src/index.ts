// Public API of this project: everything others may import is exported here.
export { bundleApp, packageName } from './bundle/bundle-app.js';
export type { Bundle, BundleOptions } from './bundle/bundle-app.js';
