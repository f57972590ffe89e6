/** `--format`: a run's record rendered as one document for stdout. */
import type { Format } from './format-names.js';
import { prepareReview, type RunRecord } from './report.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderRdjson } from './rdjson.js';
import { renderGithub } from './github.js';
import { renderMarkdown } from './markdown.js';

export function renderFormat(format: Exclude<Format, 'diff'>, record: RunRecord): string {
  const review = prepareReview(record);
  switch (format) {
    case 'json':
      return renderJson(review);
    case 'sarif':
      return renderSarif(review);
    case 'rdjson':
      return renderRdjson(review);
    case 'github':
      return renderGithub(review);
    case 'markdown':
      return renderMarkdown(review);
  }
}
