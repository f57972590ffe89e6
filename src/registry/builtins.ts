/**
 * The built-in codemods, in the order they run and print in `gocodemod list`. The order
 * matters only for conflicts (an earlier codemod's fix wins a round); go.mod and go.work
 * codemods run before any Go file whatever their place here.
 */
import type { Codemod } from '../go/codemod.js';
import goDirectiveBump from '../../codemods/go-directive-bump/index.js';
import inlineGenericConstraints from '../../codemods/inline-generic-constraints/index.js';
import interfaceToAny from '../../codemods/interface-to-any/index.js';
import loopvarCopy from '../../codemods/loopvar-copy/index.js';
import obsoleteGoBuild from '../../codemods/obsolete-go-build/index.js';
import plusBuild from '../../codemods/plusbuild/index.js';
import rangeInt from '../../codemods/rangeint/index.js';
import sliceHeaderToUnsafeSlice from '../../codemods/sliceheader-to-unsafe-slice/index.js';
import unsafeSliceToSliceHeader from '../../codemods/unsafe-slice-to-sliceheader/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const builtinCodemods: readonly Codemod<any>[] = [
  goDirectiveBump,
  interfaceToAny,
  inlineGenericConstraints,
  sliceHeaderToUnsafeSlice,
  unsafeSliceToSliceHeader,
  loopvarCopy,
  rangeInt,
  plusBuild,
  obsoleteGoBuild,
];
