/** Moved to src/testing/wants.ts (the fixture runner of `gocodemod test` uses it); kept for older imports. */
export { matchWants, parseWants, type Want } from '../../src/testing/wants.js';
