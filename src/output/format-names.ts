/** The names `run --format` takes (kept apart so the argument parser loads no printer). */
export const FORMATS = ['diff', 'json', 'sarif', 'rdjson', 'github', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
