/**
 * `heatbound export --to qutip`: a self-contained Python script (qutip, numpy, scipy, math) that
 * builds heatbound's H_S, channel operators, bath spectra and state at one L with QuTiP and prints
 * the heat current J from QuTiP's Bloch-Redfield tensor in the secular approximation.
 */
import { InputError, errorAt, type LocatedExpr, type ModelSpec, type Origin } from '../../lang/index.js';
import { dimensionOf, float64Field, hermiticity, opHermiticity, opToSparse, sparseEntries, type OpSum } from '../../numeric/index.js';
import { layoutText, type SiteLayout } from '../../symbolic/index.js';
import { instantiateWithState } from '../family.js';
import { assertHermitianIn } from '../input-errors.js';
import { channelOperator, hamiltonianOperator } from '../exact-coefficients.js';
import { stateText, type StateSpec } from '../states.js';
import { computeCurrent } from '../current.js';
import { opInputError } from '../methods/index.js';
import { dimensionText } from '../memory-text.js';
import { pyComment, pyCommentLines, pyFloat, pyString } from './python-literals.js';
import { opSumToPython, type PySite } from './python-operators.js';
import { pyEigenspaces, pyFlat, pyOhmic, pyQubit, pyRealPart, pyReport, pyStateHelpers, pySteady, pyTensors } from './python-prelude.js';
import { spectrumToPython } from './python-baths.js';
import { maxExportedMixedL, stateToPython } from './python-states.js';

export interface QutipScriptOptions {
  /** A state overriding the model's (parsed from --state). */
  readonly state?: LocatedExpr | null;
  /** The file the overriding state came from (default `<command line>`). */
  readonly stateFile?: string;
  /** The command that made the script, for its header. */
  readonly command?: string;
  /** The `heatbound current` command that computes the same J, for its header. */
  readonly compare?: string;
  /** The model as the user named it (default: the model's file). */
  readonly source?: string;
}

/** Whether the last spectrum is a def (followed by two blank lines already). */
function isDefLast(spectra: readonly { text: string }[]): boolean {
  return spectra.length > 0 && spectra[spectra.length - 1].text.startsWith('def');
}

/** Hermiticity as the engine checks it (the one rule, numeric opHermiticity): symbolically, else on its columns. */
function assertHermitianOp(op: OpSum, origin: Origin, label: string, layout?: SiteLayout): void {
  // v2 sites: the rule on the matrix in mixed radix (the column form of opHermiticity is of qubits).
  if (layout) assertHermitianIn(float64Field, origin, label, hermiticity(float64Field, sparseEntries(opToSparse(op, layout.dims))));
  else assertHermitianIn(float64Field, origin, label, opHermiticity(op));
}

/**
 * The QuTiP script for `model` at L. It prints, per channel and in total, J = Tr[H_S D(rho)]
 * (hbar = k_B = 1; J > 0: heat flows into the system), then one JSON line
 * `{"model", "L", "state", "J", "channels": [{"label", "J"}], "qutip", "notes"}` with numbers as
 * repr strings.
 *
 * @throws InputError for errors of the model or state at this L (as `current` reports them),
 *   not-hermitian for H or an A, and bad-state for mixed(seed) beyond L = 8
 * @example
 * const py = qutipScript(loadModelFile('models/superradiance.yaml'), 4)
 * // python3 -c "$py" prints J = -6.0... as `heatbound current superradiance --L 4` does
 */
export function qutipScript(model: ModelSpec, L: number, opts: QutipScriptOptions = {}): string {
  if (L > maxExportL && !model.sites) {
    throw new InputError({ code: 'bad-usage', file: '<command line>', key: '--L', line: 0, column: 0, token: String(L), message: `the QuTiP script builds 2^L x 2^L matrices and a tensor of O(4^(2L)) work: L up to ${maxExportL}, got ${L}` });
  }
  const { inst, located, stateOrigin, spec: state } = instantiateWithState(model, L, opts);
  const layout = inst.layout;
  if (layout ? dimensionOf(layout.dims) > 2 ** maxExportL : L > maxExportL) {
    const n = layout ? dimensionText(layout.dims) : String(2 ** L);
    throw new InputError({ code: 'bad-usage', file: '<command line>', key: '--L', line: 0, column: 0, token: String(L), message: `the QuTiP script builds matrices of the Hilbert space's dimension and a tensor of O(dimension^4) work: dimension up to ${2 ** maxExportL}, got ${n} at L = ${L}` });
  }
  // v2 sites: each global site's kind and dimension for the operators' QuTiP names.
  const pySites: PySite[] | undefined = layout?.species.flatMap((sp, i) => Array.from({ length: layout.counts[i] }, () => ({ kind: sp.kind, dim: sp.dim, twoS: sp.twoS })));
  // A steady state is exported only where heatbound has one: the same error as `current` otherwise.
  if (hasSteady(state)) computeCurrent(model, L, opts);

  // The operators the float64 methods take: each coefficient the rounding of its decimal.js value.
  const H = hamiltonianOperator(inst);
  assertHermitianOp(H, inst.H, 'H', layout);

  const spectra = new Map<string, { name: string; text: string }>();
  const channelLines: string[] = [];
  const entries: string[] = [];
  const needs = new Set<string>();
  inst.channels.forEach((ch, i) => {
    const where = ch.k === null ? `channels[${ch.entry}]` : `channels[${ch.entry}], ${ch.index} = ${ch.k}`;
    const A = channelOperator(inst, ch);
    assertHermitianOp(A, ch.origin, ch.k === null ? 'A' : `A (${ch.index} = ${ch.k})`, layout);
    const sp = spectrumToPython(model.file, ch.bath, ch.scope);
    sp.needs.forEach((n) => needs.add(n));
    let gamma = spectra.get(sp.key);
    if (!gamma) {
      const name = `gamma_${spectra.size}`;
      gamma = { name, text: sp.definition(name) };
      spectra.set(sp.key, gamma);
    }
    channelLines.push(`A_${i} = ${opSumToPython(A, '    ', pySites)}  # ${where}: A = "${pyComment(ch.origin.located.text)}"`);
    const label = `${where}: A = ${pyComment(ch.origin.located.text)}, ${ch.bath.spectrum} bath`;
    entries.push(`    (${pyString(label)}, A_${i}, ${gamma.name}),`);
  });

  let pyState;
  try {
    pyState = stateToPython(state, L, layout);
  } catch (err) {
    if (err instanceof RangeError && (layout || L > maxExportedMixedL)) throw errorAt(stateOrigin, located.expr, 'bad-state', err.message);
    throw err;
  }

  const paramText = model.params.length ? model.params.map((p) => `${p.name} = ${pyFloat(p.value, `params.${p.name}`)}`).join(', ') : '(none)';
  const shownState = stateText(state);
  const out: string[] = [];
  out.push(
    '#!/usr/bin/env python3',
    `# heatbound export --to qutip: the model "${pyComment(model.name)}" (${pyComment(opts.source ?? model.file)}) at L = ${L}.`,
    ...(model.description ? pyCommentLines(model.description) : []),
    ...(opts.command ? [`# Made by: ${pyComment(opts.command)}`] : []),
    '#',
    "# Builds heatbound's H_S, channel operators A_alpha, bath spectra gamma_alpha(w) and state rho at this",
    "# L with QuTiP, and prints the heat current J = sum_alpha Tr[H_S D_alpha(rho)] (hbar = k_B = 1; J > 0:",
    "# heat flows into the system) with D_alpha from QuTiP's Bloch-Redfield tensor in the secular",
    "# approximation. Run: python3 THIS_FILE (needs QuTiP 4.x, e.g. Debian's python3-qutip 4.7, numpy, scipy).",
    ...(opts.compare ? [`# The same J from heatbound: ${pyComment(opts.compare)}`] : []),
    '',
    'import math',
    '',
    'import numpy as np',
    'import scipy.linalg',
    'import qutip as qt',
    '',
    "if int(qt.__version__.split('.')[0]) != 4:",
    "    raise SystemExit('this script uses the QuTiP 4 API of bloch_redfield_tensor (4.7: Debian\\'s python3-qutip); '",
    "                     'QuTiP %s changed it' % qt.__version__)",
    '',
    `MODEL = ${pyString(model.name)}`,
    `STATE = ${pyString(shownState)}`,
    `L = ${L}`,
    `# params: ${paramText}`,
    '',
    layout ? pySitesPrelude(layout) : pyQubit,
    '',
    `# H_S = "${pyComment(model.H.text)}" at L = ${L}`,
    `H = ${opSumToPython(H, '    ', pySites)}`,
    '# heatbound\'s bound on the rounding of H_S\'s coefficients and sums (engine/methods/errors.ts opInputError).',
    `H_INPUT_ERROR = ${pyFloat(opInputError(H), 'the input error of H')}`,
    '',
    '',
    pyEigenspaces,
    '',
    '',
  );
  if (needs.has('flat')) out.push(pyFlat, '', '');
  if (needs.has('ohmic')) out.push(pyOhmic, '', '');
  if (needs.has('complex')) out.push(pyRealPart, '', '');
  out.push(
    '# Bath spectra gamma(w): the rate at which the bath takes energy w from the system (w > 0), or gives',
    '# |w| to it (w < 0).',
    ...[...spectra.values()].flatMap((g, i, all) => {
      const isDef = (t: string): boolean => t.startsWith('def');
      const next = all[i + 1];
      return [g.text, ...(isDef(g.text) || (next && isDef(next.text)) ? ['', ''] : [])];
    }),
    ...(isDefLast([...spectra.values()]) ? [] : ['']),
    "# Channels, one bath each, in the model file's order (an `each` entry gives one per site).",
    ...channelLines,
    'channels = [',
    ...entries,
    ']',
    '',
    '',
  );
  for (const h of ['dicke', 'product', 'functionsOfH', 'mixedState'] as const) {
    if (pyState.helpers.has(h)) out.push(pyStateHelpers[h], '', '');
  }
  for (const block of pyState.data) out.push(block, '', '');
  out.push(
    `# The state: "${pyComment(located.text)}" = ${pyComment(shownState)} at L = ${L}`,
    'def make_state():',
    `    return ${pyState.expr}`,
    '',
    '',
    pyTensors,
    '',
    '',
  );
  if (pyState.helpers.has('steady')) out.push(layout ? pySteady.replace("ket('d' * L)", "ket('d' * len(DIMS))") : pySteady, '', '');
  out.push(pyReport, '');
  return out.join('\n');
}

/** Largest L exported (QuTiP's Bloch-Redfield tensor is O(dim^4) per bath). */
export const maxExportL = 10;

/** Whether a state is or contains `steady`. */
function hasSteady(s: StateSpec): boolean {
  return s.kind === 'steady' || s.kind === 'steadyFrom' || (s.kind === 'mix' && (hasSteady(s.a) || hasSteady(s.b)));
}

/**
 * The script's names for v2 sites (in place of the qubit prelude): the site dimensions DIMS in
 * Kronecker order, the qubit names for two-level sites, Id, and `ket` of level indices.
 */
function pySitesPrelude(layout: SiteLayout): string {
  const spin = layout.species.flatMap((sp, i) => Array.from({ length: layout.counts[i] }, () => (sp.kind === 'spin' ? 'True' : 'False')));
  return [
    `# Sites (heatbound's sites:): ${pyComment(layoutText(layout))}. Site 0 is the leftmost factor of`,
    '# qt.tensor: the product-basis index is sum_g i_g prod_{h > g} DIMS[h] (mixed radix), as in heatbound.',
    '# A spin s has index i <-> m = s - i (the order of qt.jmat(s)), a mode the Fock number (qt.destroy(cutoff)),',
    '# a d-level site its level.',
    `DIMS = [${layout.dims.join(', ')}]`,
    `SPIN = [${spin.join(', ')}]`,
    'u, d = qt.basis(2, 0), qt.basis(2, 1)',
    'I2 = qt.qeye(2)',
    'X, Y, Z = qt.sigmax(), qt.sigmay(), qt.sigmaz()',
    'Sp = u * d.dag()  # |u><d|: on a spin 1/2 S+, on two levels |0><1|',
    'Sm = d * u.dag()',
    'N = u * u.dag()',
    'Nd = d * d.dag()',
    'Id = qt.tensor([qt.qeye(n) for n in DIMS])',
    '',
    '',
    'def ket(levels):',
    `    """The product state of level indices, one per site, site 0 first; a string of u's and d's: every`,
    `    spin at m = +s (u) or -s (d), every other site at level 0."""`,
    '    if isinstance(levels, str):',
    "        levels = [DIMS[g] - 1 if c == 'd' and SPIN[g] else 0 for g, c in enumerate(levels)]",
    '    return qt.tensor([qt.basis(n, i) for n, i in zip(DIMS, levels)])',
    '',
    '',
    'def dm(psi):',
    '    return qt.ket2dm(psi)',
    '',
    '',
    'notes = []',
  ].join('\n');
}
