/**
 * The v2 examples of docs/model-language.md and README.md load with the lang layer, and the
 * worked examples are the fixture models of test/fixtures/v2 (the same H, channels and state).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadModelFile, loadModelText, printExpr, type ModelSpec } from '../../src/lang/index.js';
import { readmeSection } from '../readme.js';

const root = join(import.meta.dirname, '..', '..');
const docs = readFileSync(join(root, 'docs', 'model-language.md'), 'utf8');
const v2 = readmeSection('## v2: sites of any dimension', docs);
const yamlBlocks = (markdown: string) => [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
const fixture = (name: string) => loadModelFile(join(root, 'test', 'fixtures', 'v2', `${name}.yaml`));

/** What a model says, without where it says it. */
const meaning = (m: ModelSpec) => ({
  sites: m.sites!.map(({ name, kind, dim, twoS, count }) => ({ name, kind, dim, twoS, count: count?.text ?? null })),
  params: m.params.map((p) => `${p.name}=${p.text}`),
  H: printExpr(m.H.expr),
  channels: m.channels.map((c) => ({ name: c.name ?? null, each: c.each, A: printExpr(c.A.expr), bath: c.bath.spectrum })),
  state: m.state && printExpr(m.state.expr),
});

describe('docs/model-language.md, v2', () => {
  test('the title names v1 and v2, and the section has its parts', () => {
    expect(docs.split('\n')[0]).toBe('# Model files and the operator language (v1 and v2)');
    for (const part of ['### Operators', '### Basis and Kronecker order', '### States', '### Example: a spin-1 chain', '### Example: Tavis-Cummings']) {
      expect(v2).toContain(part);
    }
  });

  test('each sites: declaration of the first example loads', () => {
    const [first] = yamlBlocks(v2);
    const declarations = first.split(/^(?=sites:)/m).filter((d) => d.trim() !== '');
    expect(declarations).toHaveLength(4);
    for (const d of declarations) {
      const A = d.includes('boson') ? 'a + adag' : 'P[0,1][0] + P[1,0][0]';
      const spec = loadModelText(`${d}H: "Id"\nchannels:\n  - A: "${A}"\n    bath: { spectrum: flat, rate: 1 }\n`, 'docs.yaml');
      expect(spec.sites!.length).toBeGreaterThan(0);
    }
  });

  test.each([['spin1-chain', 1], ['tavis-cummings', 2], ['spin1-collective', 3]])('the example %s is the fixture model', (name, block) => {
    const example = loadModelText(yamlBlocks(v2)[block as number], `${name}.yaml`);
    expect(meaning(example)).toEqual(meaning(fixture(name)));
  });
});

describe('README.md, v2', () => {
  test('the v2 example loads and is the Tavis-Cummings fixture, and it points to the docs section', () => {
    const section = readmeSection('## Model files', readFileSync(join(root, 'README.md'), 'utf8'));
    const block = yamlBlocks(section).find((b) => b.includes('sites:'))!;
    expect(meaning(loadModelText(block, 'readme.yaml'))).toEqual(meaning(fixture('tavis-cummings')));
    expect(section).toContain('(docs/model-language.md#v2-sites-of-any-dimension)');
  });
});
