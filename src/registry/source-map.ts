/**
 * Where a position of a loaded module comes from in its author's source: the source map of a
 * codemod's bundle (an inline `data:` URL that src/registry/user-codemods.ts appends) or of a
 * file tsc compiled (`x.js` beside `x.js.map`). Read with node:module's `SourceMap`, not the
 * process-wide `--enable-source-maps`: that would map (and cost) every stack in the process,
 * and gives no access to the sources' text, which the load-time query check searches.
 *
 * Maps are read on first use and kept per thread: this runs only when a codemod crashed or a
 * definition is wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A source a map names: its absolute path and, when the map carries it, its text. */
export interface MappedSource {
  path: string;
  content: string | undefined;
}

interface LoadedMap {
  map: SourceMap;
  /** The map's sources, in the map's order, resolved to absolute paths. */
  sources: MappedSource[];
}

export interface OriginalPosition {
  /** Absolute path of the source file. */
  file: string;
  /** 1-based line and 1-based UTF-16 column, as V8 stack traces and tsc count them. */
  line: number;
  column: number;
}

const maps = new Map<string, LoadedMap | null>();

/** A module's file path from what a stack frame or `import.meta.url` names it by. */
export function modulePath(fileOrUrl: string): string {
  return fileOrUrl.startsWith('file:') ? fileURLToPath(fileOrUrl) : fileOrUrl;
}

/** The source map of the module at `fileOrUrl`, or undefined when it has none (or it cannot be read). */
export function sourceMapOf(fileOrUrl: string): LoadedMap | undefined {
  const file = modulePath(fileOrUrl);
  if (!maps.has(file)) maps.set(file, readMap(file));
  return maps.get(file) ?? undefined;
}

/** The sources of a module's map (all of them: a bundle holds the codemod and its helpers). */
export function mappedSources(fileOrUrl: string): MappedSource[] {
  return sourceMapOf(fileOrUrl)?.sources ?? [];
}

/**
 * The author's position of 1-based `line`:`column` in the module at `fileOrUrl`; undefined
 * when the module has no map or the map says nothing about that position.
 */
export function originalPosition(fileOrUrl: string, line: number, column: number): OriginalPosition | undefined {
  const loaded = sourceMapOf(fileOrUrl);
  if (!loaded) return undefined;
  // The mapping at or before the position, taken as it is: SourceMap.findOrigin adds the
  // distance from that mapping's start, which is wrong where the generated code is indented
  // differently (esbuild maps a statement from column 0 of its line).
  const entry = loaded.map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
  const index = (loaded.map.payload.sources ?? []).indexOf(entry.originalSource);
  const file = index >= 0 ? loaded.sources[index].path : resolveSource(entry.originalSource, pathToFileURL(modulePath(fileOrUrl)).href);
  return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

function readMap(file: string): LoadedMap | null {
  try {
    const text = readFileSync(file, 'utf8');
    // The last sourceMappingURL comment wins, as in browsers and Node.
    const comments = [...text.matchAll(/\/\/[#@] sourceMappingURL=(\S+)\s*$/gm)];
    const url = comments.at(-1)?.[1];
    if (!url) return null;
    let payload: SourceMapPayload;
    let base: string;
    if (url.startsWith('data:')) {
      const comma = url.indexOf(',');
      const data = url.slice(comma + 1);
      const json = url.slice(0, comma).endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
      payload = JSON.parse(json) as SourceMapPayload;
      base = pathToFileURL(file).href;
    } else {
      base = new URL(url, pathToFileURL(file)).href;
      payload = JSON.parse(readFileSync(fileURLToPath(base), 'utf8')) as SourceMapPayload;
    }
    const root = payload.sourceRoot ? new URL(payload.sourceRoot.endsWith('/') ? payload.sourceRoot : payload.sourceRoot + '/', base).href : base;
    const sources = (payload.sources ?? []).map((s, i) => ({ path: resolveSource(s, root), content: payload.sourcesContent?.[i] ?? undefined }));
    return { map: new SourceMap(payload), sources };
  } catch {
    return null;
  }
}

function resolveSource(source: string, base: string): string {
  const url = new URL(source, base);
  return url.protocol === 'file:' ? fileURLToPath(url) : url.href;
}

/** Whether a mapped source can be shown to the user: it exists, or the map carries its text. */
export function sourceIsAvailable(file: string, fileOrUrl: string): boolean {
  return existsSync(file) || mappedSources(fileOrUrl).some((s) => s.path === file && s.content !== undefined);
}
