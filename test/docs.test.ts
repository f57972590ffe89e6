/**
 * The documentation points at things that exist: every relative link of README.md, docs/,
 * codemods' and examples' READMEs resolves to a file or folder of the repository, and
 * docs/authoring.md's table of the ioutil example's fixtures is exactly its fixture cases.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { listCases } from '../src/testing/fixtures.js';

const repo = join(import.meta.dirname, '..');

function markdownFiles(): string[] {
  const out = [join(repo, 'README.md'), join(repo, 'examples', 'README.md'), join(repo, 'grammars', 'README.md')];
  for (const f of readdirSync(join(repo, 'docs'))) if (f.endsWith('.md')) out.push(join(repo, 'docs', f));
  for (const c of readdirSync(join(repo, 'codemods'))) {
    const readme = join(repo, 'codemods', c, 'README.md');
    if (existsSync(readme)) out.push(readme);
  }
  return out.filter((f) => existsSync(f));
}

test('relative links in the documentation resolve', () => {
  const broken: string[] = [];
  for (const file of markdownFiles()) {
    const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, ''); // not inside code
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/.test(target) || target.startsWith('#')) continue; // URLs and anchors
      const path = decodeURIComponent(target.split('#')[0]);
      if (!existsSync(join(dirname(file), path))) broken.push(`${relative(repo, file)}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});

test('docs/authoring.md lists exactly the fixture cases of the ioutil example', () => {
  const doc = readFileSync(join(repo, 'docs', 'authoring.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## 7.'), doc.indexOf('## 8.'));
  const listed = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1].replace(/\.go$/, '')).sort();
  const testdata = join(repo, 'examples', 'codemods', 'testdata', 'ioutil-to-io-os');
  expect(statSync(testdata).isDirectory()).toBe(true);
  expect(listed).toEqual(listCases(testdata).map((c) => c.name).sort());
});

test("README's toolkit table names every value 'gocodemod' exports", async () => {
  const toolkit = await import('../src/index.js');
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### The toolkit'), readme.indexOf('## Project layout'));
  const named = new Set([...table.matchAll(/`(\w+)/g)].map((m) => m[1]));
  expect(Object.keys(toolkit).filter((name) => !named.has(name))).toEqual([]);
});
