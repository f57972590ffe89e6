/**
 * The playground's local server: the built page (dist/playground) and the three WASM modules
 * it fetches, served from where the package has them installed (so the npm package does not
 * carry copies). Only on 127.0.0.1, only GET and HEAD, only these files: nothing else of the
 * machine is reachable through it, and nothing comes from the internet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { wasmSources, WASM_FILES } from './site-files.js';

const PAGE_FILES = { '/': 'index.html', '/index.html': 'index.html', '/app.js': 'app.js', '/app.css': 'app.css' } as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function siteDir(): string {
  return join(packageRoot(), 'dist', 'playground');
}

/** The files the server answers with, by URL path; an Error when the page is not built. */
export function servedFiles(dir = siteDir()): Map<string, string> {
  if (!existsSync(join(dir, 'app.js'))) throw new Error(`the playground page is not built (no ${join(dir, 'app.js')}): run npm run build in gocodemod's folder`);
  const files = new Map<string, string>(Object.entries(PAGE_FILES).map(([url, name]) => [url, join(dir, name)]));
  const installed = wasmSources();
  for (const name of WASM_FILES) files.set(`/${name}`, installed[name]);
  return files;
}

/** Starts the server on 127.0.0.1:`port` (0: any free port); resolves with the server once it listens. */
export function startServer(port: number, files = servedFiles()): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files.get(path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\n`);
      return;
    }
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
