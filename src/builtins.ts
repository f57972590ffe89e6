/** The built-in codemods, in the order they run (and print in `gocodemod list`). */
import type { Codemod } from './types.js';
import interfaceToAny from '../codemods/interface-to-any/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const builtinCodemods: readonly Codemod<any>[] = [interfaceToAny];
