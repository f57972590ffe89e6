/** `--format json`: the review report (report.ts), as described by docs/json-schema.json. */
import { buildReport, type Review } from './report.js';

export function renderJson(review: Review): string {
  return JSON.stringify(buildReport(review), null, 2) + '\n';
}
