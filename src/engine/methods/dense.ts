/**
 * The dense method: the full 2^L space, H_S diagonalised block by block (graph components), every A
 * transformed into the eigenbasis. Degenerate eigenspaces are grouped, so coherences inside them
 * (the superradiant enhancement) are kept. For L up to about 12.
 */
import {
  eigenbasisOperatorError, eigenbasisVectorError, nearSplitNotes, opNormUpperBound, type EigenSystem, eigenSystem, normOf, opExtremes, opToSparse, vectorToEigenbasis,
} from '../../numeric/index.js';
import type { Instance } from '../family.js';
import type { Origin } from '../../lang/index.js';
import { evalOperator } from '../operators.js';
import { MethodNotApplicable, outcomeOf, type MethodOutcome, type MethodSystem } from '../outcome.js';
import { realiseProduct, type StateSpec } from '../states.js';
import { mentionsPlainSteady, productSteadyStart } from '../steady-start.js';
import { normError, opInputError, populationError, spectrumErrors, stateInputError } from './errors.js';
import { assertHermitian, channelKernel, denseOmegaMargin, eigenbasisColumns, eigenbasisState, zeroThreshold, type Float64Channel } from './shared.js';
import { gibText } from '../memory-text.js';
import { finiteOrOverflow } from '../non-finite.js';

/** Largest L of the dense method: A~ alone takes 2^(2L) * 16 bytes. */
export const maxDenseL = 12;

/**
 * The dense method's outcome: {@link denseSystem} with the float64 kernel run on every channel.
 *
 * @throws MethodNotApplicable beyond {@link maxDenseL}
 */
export function runDense(inst: Instance, state: StateSpec, stateOrigin: Origin | null): MethodOutcome {
  return outcomeOf(denseSystem(inst, state, stateOrigin));
}

/**
 * The dense method up to its kernels: H_S block-diagonalised, every A and the state in its
 * eigenbasis, each channel prepared for the float64 kernel (engine/methods/shared channelKernel).
 *
 * @throws MethodNotApplicable beyond {@link maxDenseL}
 */
export function denseSystem(inst: Instance, state: StateSpec, stateOrigin: Origin | null): MethodSystem<Float64Channel> {
  const { L } = inst;
  if (L > maxDenseL) {
    throw new MethodNotApplicable('dense', `L = ${L} > ${maxDenseL}: the dense eigenbasis and operators would need about ${gibText(2 * L + Math.log2(16 * 3))} GiB and O(8^L) time`);
  }
  const Hop = evalOperator(inst.H, inst.H.located.expr, inst.scope, L);
  const H = opToSparse(Hop);
  assertHermitian(inst.H, H, 'H');
  const sys = finiteOrOverflow('the spectrum of H', inst.H, () => eigenSystem(H, opInputError(Hop)));
  const ops = inst.channels.map((ch) => {
    const op = evalOperator(ch.origin, ch.origin.located.expr, ch.scope, L);
    const A = opToSparse(op);
    assertHermitian(ch.origin, A, ch.k === null ? 'A' : `A (k = ${ch.k})`);
    const ext = finiteOrOverflow(`||${ch.origin.located.key}||`, ch.origin, () => opExtremes(op), (x) => Number.isFinite(x.min) && Number.isFinite(x.max));
    const input = opInputError(op);
    const normAError = normError(ext.error, input, sys.largestBlock, opNormUpperBound(op));
    const normBound = normOf(ext) + normAError;
    // Entries of A in the eigenbasis are known to within `operator` (eigensystem.ts): the zero
    // threshold is never below it, so an element counted in Omega is certainly nonzero.
    const operator = eigenbasisOperatorError(sys, A, input, normBound);
    return { ch, op, A, ext, normAError, normBound, operator };
  });
  const notes: string[] = [];
  const eig = ops.map(({ A }) => eigenbasisColumns(sys, A));
  const realised = realiseProduct(state, L, stateOrigin, stateOrigin?.located.expr ?? null);
  const rho = eigenbasisState(
    realised, sys.spaces, (re, im) => vectorToEigenbasis(sys, re, im),
    () => ops.map(({ ch }, i) => ({ A: eig[i].columns, gamma: ch.gamma })), zeroThreshold(Math.max(...eig.map((e) => e.scale), 0), sys.largestBlock), notes, stateOrigin,
    mentionsPlainSteady(realised) ? productSteadyStart(inst, (re, im) => vectorToEigenbasis(sys, re, im)) : null,
  );
  const vector = eigenbasisVectorError(sys) + Math.sqrt(1 + sys.errors.eta) * stateInputError(L);
  const population = populationError(realised, sys.spaces);
  const channels: Float64Channel[] = ops.map(({ ch, ext, normAError, normBound, operator }, i) => ({
    ch, spaces: sys.spaces, A: eig[i].columns, state: rho, zero: Math.max(operator, zeroThreshold(eig[i].scale, sys.largestBlock)), margin: denseOmegaMargin,
    perturbation: { operator, vector, normA: normBound, largestSpace: sys.errors.largestSpace, population },
    normA: normOf(ext), normAError, normHow: ext.how,
  }));
  const e = sys.spaces.spaceEnergy;
  return {
    method: 'dense', dimension: sys.n, normH: Math.max(Math.abs(e[0]), Math.abs(e[e.length - 1])), width: e[e.length - 1] - e[0],
    channels, kernel: channelKernel, roundoffDimension: sys.largestBlock, termErrors: spectrumErrors(sys.spaces), inexact: denseInexact(sys),
    notes: [...notes, `H_S diagonalised in ${sys.blocks.length} block(s), largest ${sys.largestBlock}; ${e.length} eigenspaces`],
  };
}

/** What the eigendecomposition could not decide (near splittings, eigenspaces without a gap). */
function denseInexact(sys: EigenSystem): string[] {
  const out = nearSplitNotes(sys.spaces);
  if (sys.errors.undetermined > 0) out.push(`${sys.errors.undetermined} eigenspace(s) of H_S have no gap above their error bound: their eigenvectors (and the error bounds resting on them) are only trivially bounded`);
  return out;
}
