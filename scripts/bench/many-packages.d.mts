/** Types of many-packages.mjs, for the tests that build the same tree. */
export function makeManyPackagesTree(src: string, dest: string): { packages: number; files: number };
export function commitTree(dest: string): void;
