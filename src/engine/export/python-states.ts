/**
 * States as QuTiP density matrices: product, Dicke, GHZ and W states written out as constructions,
 * functions of H_S (ground, top, thermal) computed in the script from H_S's eigenspaces, heatbound's
 * seeded draws random(seed) and mixed(seed) as their amplitudes, and `steady` solved in the script
 * from the Bloch-Redfield Liouvillian.
 */
import { realiseOnSites, realiseProduct, stateText, type StateSpec } from '../states.js';
import type { SiteLayout } from '../../symbolic/index.js';
import { pyFloat, pyFloatList } from './python-literals.js';

/** Script helpers a state may need (`ket` and `dm` are always defined). */
export type StateHelper = 'dicke' | 'product' | 'functionsOfH' | 'mixedState' | 'steady';

/** A state as a Python expression, the helpers it needs and the data it refers to. */
export interface PyState {
  /** A Python expression whose value is the density matrix (a Qobj on L qubits). */
  readonly expr: string;
  readonly helpers: ReadonlySet<StateHelper>;
  /** Definitions of numeric data (amplitudes of seeded draws), one block each. */
  readonly data: readonly string[];
}

/** Largest L whose mixed(seed) is written out (2^L vectors of 2^L amplitudes). */
export const maxExportedMixedL = 8;

/**
 * The state as Python.
 *
 * @throws RangeError for mixed(seed) beyond {@link maxExportedMixedL} (the caller makes it an input error)
 * @example stateToPython({ kind: 'dicke', n: 2 }, 4).expr // 'dm(dicke(2))'
 */
export function stateToPython(s: StateSpec, L: number, layout?: SiteLayout): PyState {
  // v2 sites: kets of level indices (ket([i_0, ...])), draws of dimension prod dims.
  const realise = (x: StateSpec) => (layout ? realiseOnSites(x, layout, null, null) : realiseProduct(x, L, null, null));
  const levelsKet = (digit: (g: number) => number): string => `dm(ket([${layout!.dims.map((_, g) => digit(g)).join(', ')}]))`;
  const kinds = layout ? layout.species.flatMap((sp, i) => Array.from({ length: layout.counts[i] }, () => sp.kind)) : [];
  const dimsText = layout ? 'dims=[DIMS, [1] * len(DIMS)]' : 'dims=[[2] * L, [1] * L]';
  const dimension = layout ? layout.dims.reduce((a, b) => a * b, 1) : 2 ** L;
  const helpers = new Set<StateHelper>();
  const data: string[] = [];
  const seen = new Set<string>();
  const letters = (c: string): string => `'${c.repeat(L)}'`;
  const go = (x: StateSpec): string => {
    if (layout && (x.kind === 'up' || x.kind === 'down' || x.kind === 'levels')) {
      if (x.kind === 'levels') return levelsKet((g) => x.levels[g]);
      return levelsKet((g) => (x.kind === 'down' && kinds[g] === 'spin' ? layout.dims[g] - 1 : 0));
    }
    switch (x.kind) {
      case 'up': return `dm(ket(${letters('u')}))`;
      case 'down': return `dm(ket(${letters('d')}))`;
      case 'basis': return `dm(ket('${x.bits}'))`;
      case 'levels': throw new RangeError(`${stateText(x)} is a state of v2 sites, exported by the v2 script`);
      case 'ghz': return `dm((ket(${letters('u')}) + ket(${letters('d')})).unit())`;
      case 'w': helpers.add('dicke'); return 'dm(dicke(1))';
      case 'dicke': helpers.add('dicke'); return `dm(dicke(${x.n}))`;
      case 'product': helpers.add('product'); return `dm(product(theta=${pyFloat(x.theta)}, phi=${pyFloat(x.phi)}))`;
      case 'ground': helpers.add('functionsOfH'); return 'ground()';
      case 'top': helpers.add('functionsOfH'); return 'top()';
      case 'thermal': helpers.add('functionsOfH'); return `thermal(T=${pyFloat(x.T)})`;
      case 'steady': helpers.add('steady'); return 'steady()';
      case 'steadyFrom': helpers.add('steady'); return `steady(start=${go(x.from)}, label=${JSON.stringify(stateText(x.from))})`;
      case 'mix': {
        const part = (y: StateSpec): string => (y.kind === 'mix' ? `(${go(y)})` : go(y));
        return `${pyFloat(x.p)} * ${part(x.a)} + ${pyFloat(1 - x.p)} * ${part(x.b)}`;
      }
      case 'random': {
        const name = `RANDOM_${x.seed < 0 ? 'M' : ''}${Math.abs(x.seed)}`;
        if (!seen.has(name)) {
          seen.add(name);
          const v = realise(x).vectors[0];
          data.push([
            `# random(${x.seed}): heatbound's Haar-random pure state for this seed (mulberry32 + Box-Muller), amplitudes in the product basis`,
            `${name} = qt.Qobj(np.array(${pyFloatList(v.re)})`,
            `    + 1j * np.array(${pyFloatList(v.im)}), ${dimsText})`,
          ].join('\n'));
        }
        return `dm(${name})`;
      }
      case 'mixed': {
        if (layout && dimension > 2 ** maxExportedMixedL) throw new RangeError(`mixed(seed) is exported for a dimension of at most ${2 ** maxExportedMixedL} only (it has as many vectors as the dimension, ${dimension} here)`);
        if (!layout && L > maxExportedMixedL) throw new RangeError(`mixed(seed) is exported for L <= ${maxExportedMixedL} only (it has 2^L vectors of 2^L amplitudes: ${4 ** L} numbers at L = ${L})`);
        const name = `MIXED_${x.seed < 0 ? 'M' : ''}${Math.abs(x.seed)}`;
        if (!seen.has(name)) {
          seen.add(name);
          helpers.add('mixedState');
          const vs = realise(x).vectors;
          data.push([
            `# mixed(${x.seed}): heatbound's Hilbert-Schmidt random density matrix for this seed, rho = sum_k p_k |g_k><g_k|`,
            `${name}_P = np.array(${pyFloatList(vs.map((v) => v.weight))})`,
            `${name}_G = np.array([  # row k: the unit vector g_k (real parts), then its imaginary parts below`,
            ...vs.map((v) => `    ${pyFloatList(v.re, '     ')},`),
            `]) + 1j * np.array([`,
            ...vs.map((v) => `    ${pyFloatList(v.im, '     ')},`),
            '])',
          ].join('\n'));
        }
        return `mixed_state(${name}_P, ${name}_G)`;
      }
    }
  };
  const expr = go(s);
  return { expr, helpers, data };
}
