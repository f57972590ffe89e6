/**
 * Everything a playground page shows follows from this state: the files, what runs on them
 * (a query, a pattern pair, YAML rules or a built-in codemod with its options) and how the
 * diff is shown. It lives in the URL fragment (`#s=` and the state as deflated JSON in
 * base64url), so a link reproduces the page. Pure: the page and the tests use it.
 */
import type { SnippetContext } from '../rules/snippet.js';
import type { PlaygroundFile } from './run-files.js';
import { FIXTURE_GO } from '../testing/fixture-go.js';

export type Mode = 'query' | 'pattern' | 'rule' | 'codemod';
export const MODES: readonly Mode[] = ['query', 'pattern', 'rule', 'codemod'];

export type DiffView = 'split' | 'unified' | 'output';

export interface PlaygroundState {
  /** At least one; paths unique. */
  files: PlaygroundFile[];
  /** The path of the file the editor shows. */
  active: string;
  /** The Go version of files outside any module (no go.mod among the files): the CLI's --go. */
  goVersion: string;
  mode: Mode;
  query: string;
  /** `gocodemod rewrite`: -p, -r (null: no -r, list the matches), --lang-context ('' : none), --import NAME=PATH items. */
  pattern: { match: string; rewrite: string | null; context: SnippetContext | ''; imports: string[] };
  /** A YAML rule file's text (docs/rules.md). */
  rule: string;
  /** A built-in codemod and its options as -o values (by key; absent: the default). */
  codemod: { name: string; options: Record<string, string> };
  view: DiffView;
}

const EXAMPLE_GO = `package main

import (
	"fmt"
	"strings"
)

// describe prints any value.
func describe(v interface{}) {
	fmt.Printf("%v\\n", v)
}

func main() {
	s := "gocodemod playground"
	if strings.Index(s, "play") != -1 {
		describe(s)
	}
	var values []interface{}
	values = append(values, 1, "two")
	describe(values)
}
`;

const EXAMPLE_RULE = `id: index-to-contains
description: strings.Index(s, t) != -1 is strings.Contains(s, t)
imports: { strings: strings }
match: strings.Index($S, $T) != -1
rewrite: strings.Contains($S, $T)
`;

export function defaultState(): PlaygroundState {
  return {
    files: [{ path: 'main.go', text: EXAMPLE_GO }],
    active: 'main.go',
    goVersion: FIXTURE_GO,
    mode: 'pattern',
    query: '(call_expression\n  function: (selector_expression\n    operand: (identifier) @pkg\n    field: (field_identifier) @fn)\n  (#eq? @pkg "fmt"))',
    pattern: { match: 'strings.Index($S, $T) != -1', rewrite: 'strings.Contains($S, $T)', context: '', imports: [] },
    rule: EXAMPLE_RULE,
    codemod: { name: 'interface-to-any', options: {} },
    view: 'split',
  };
}

const PREFIX = 's=';

/** The URL fragment (without `#`) that holds `state`. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ v: 1, ...state }));
  const packed = await pipe(json, new CompressionStream('deflate-raw'));
  return PREFIX + toBase64Url(packed);
}

/** The state a fragment holds; throws an Error saying what is wrong with it. */
export async function decodeState(fragment: string): Promise<PlaygroundState> {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!text.startsWith(PREFIX)) throw new Error('the link holds no playground state (it should start with #s=)');
  let raw: unknown;
  try {
    const bytes = await pipe(fromBase64Url(text.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error('the link is damaged: its state does not decode (was it cut short?)');
  }
  return checkState(raw);
}

/** A decoded state, checked field by field; defaults fill what an older link lacks. */
function checkState(raw: unknown): PlaygroundState {
  const d = defaultState();
  if (typeof raw !== 'object' || raw === null) throw new Error('the link holds no state object');
  const r = raw as Record<string, unknown>;
  if (r.v !== 1) throw new Error(`the link was made by another version of the playground (state version ${String(r.v)})`);
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const files = Array.isArray(r.files) ? r.files.filter((f): f is PlaygroundFile => typeof f?.path === 'string' && typeof f?.text === 'string' && f.path !== '') : [];
  if (files.length === 0 || new Set(files.map((f) => f.path)).size !== files.length) throw new Error('the link holds no files (or two files of one name)');
  const pattern = (r.pattern ?? {}) as Record<string, unknown>;
  const codemod = (r.codemod ?? {}) as Record<string, unknown>;
  const options = typeof codemod.options === 'object' && codemod.options !== null ? (codemod.options as Record<string, unknown>) : {};
  const active = str(r.active, files[0].path);
  return {
    files,
    active: files.some((f) => f.path === active) ? active : files[0].path,
    goVersion: str(r.goVersion, d.goVersion),
    mode: MODES.includes(r.mode as Mode) ? (r.mode as Mode) : d.mode,
    query: str(r.query, d.query),
    pattern: {
      match: str(pattern.match, d.pattern.match),
      rewrite: pattern.rewrite === null ? null : str(pattern.rewrite, d.pattern.rewrite!),
      context: (['expr', 'stmt', 'type', 'decl'] as const).find((c) => c === pattern.context) ?? '',
      imports: Array.isArray(pattern.imports) ? pattern.imports.filter((i): i is string => typeof i === 'string') : [],
    },
    rule: str(r.rule, d.rule),
    codemod: {
      name: str(codemod.name, d.codemod.name),
      options: Object.fromEntries(Object.entries(options).filter((e): e is [string, string] => typeof e[1] === 'string')),
    },
    view: (['split', 'unified', 'output'] as const).find((v) => v === r.view) ?? d.view,
  };
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
