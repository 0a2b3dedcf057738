/**
 * The v2 examples of docs/model-language.md and README.md load with the lang layer, and the
 * worked examples are the built-in models (models/spin1-chain.yaml, models/tavis-cummings.yaml) or
 * the fixture models of test/fixtures/v2 (the same H, channels and state).
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
const builtin = (name: string) => loadModelFile(join(root, 'models', `${name}.yaml`));

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

  test.each([['spin1-chain', 1, builtin], ['tavis-cummings', 2, builtin], ['spin1-collective', 3, fixture]] as const)('the example %s is the model (built-in or fixture)', (name, block, model) => {
    const example = loadModelText(yamlBlocks(v2)[block], `${name}.yaml`);
    expect(meaning(example)).toEqual(meaning(model(name)));
  });
});

describe('README.md, v2', () => {
  test('the v2 examples load; the first two are the built-ins tavis-cummings and spin1-chain, and the section points to the docs', () => {
    const section = readmeSection('## Model files', readFileSync(join(root, 'README.md'), 'utf8'));
    const blocks = yamlBlocks(section).filter((b) => b.includes('sites:'));
    expect(blocks).toHaveLength(3);
    expect(meaning(loadModelText(blocks[0], 'readme.yaml'))).toEqual(meaning(builtin('tavis-cummings')));
    expect(meaning(loadModelText(blocks[1], 'readme.yaml'))).toEqual(meaning(builtin('spin1-chain')));
    expect(loadModelText(blocks[2], 'readme.yaml').sites!.map((x) => [x.kind, x.dim])).toEqual([['levels', 3]]);
    expect(section).toContain('(docs/model-language.md#v2-sites-of-any-dimension)');
  });
});
