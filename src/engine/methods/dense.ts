/**
 * The dense method: the full 2^L space, H_S diagonalised block by block (graph components), every A
 * transformed into the eigenbasis. Degenerate eigenspaces are grouped, so coherences inside them
 * (the superradiant enhancement) are kept. For L up to about 12.
 */
import {
  DenseColumns, type EigenSystem, type SparseMatrix, eigenSystem, normOf, opExtremes, opToSparse, operatorToEigenbasis, vectorToEigenbasis,
} from '../../numeric/index.js';
import type { Instance } from '../family.js';
import type { Origin } from '../../lang/index.js';
import { evalOperator } from '../operators.js';
import { type ChannelOutcome, MethodNotApplicable, type MethodOutcome } from '../outcome.js';
import { realiseProduct, type StateSpec } from '../states.js';
import { assertHermitian, degeneracyTolerance, denseOmegaMargin, eigenbasisState, heatOf, zeroThreshold } from './shared.js';

/** Largest L of the dense method: A~ alone takes 2^(2L) * 16 bytes. */
export const maxDenseL = 12;

export function runDense(inst: Instance, state: StateSpec, stateOrigin: Origin | null): MethodOutcome {
  const { L } = inst;
  if (L > maxDenseL) {
    const gib = (2 ** (2 * L) * 16 * 3) / 2 ** 30;
    throw new MethodNotApplicable('dense', `L = ${L} > ${maxDenseL}: the dense eigenbasis and operators would need about ${gib.toFixed(1)} GiB and O(8^L) time`);
  }
  const Hop = evalOperator(inst.H, inst.H.located.expr, inst.scope, L);
  const H = opToSparse(Hop);
  assertHermitian(inst.H, H, 'H');
  const sys = eigenSystem(H, degeneracyTolerance);
  const ops = inst.channels.map((ch) => {
    const op = evalOperator(ch.origin, ch.origin.located.expr, ch.scope, L);
    const A = opToSparse(op);
    assertHermitian(ch.origin, A, ch.k === null ? 'A' : `A (k = ${ch.k})`);
    return { ch, op, A };
  });
  const notes: string[] = [];
  const eig = ops.map(({ A }) => columnsOf(sys, A));
  const realised = realiseProduct(state, L, stateOrigin, stateOrigin?.located.expr ?? null);
  const rho = eigenbasisState(
    realised, sys.spaces, (re, im) => vectorToEigenbasis(sys, re, im),
    () => ops.map(({ ch }, i) => ({ A: eig[i].columns, gamma: ch.gamma })), zeroThreshold(Math.max(...eig.map((e) => e.scale), 0), sys.largestBlock), notes, stateOrigin,
  );
  const channels: ChannelOutcome[] = ops.map(({ ch, op }, i) => {
    const h = heatOf(ch, sys.spaces, eig[i].columns, rho, zeroThreshold(eig[i].scale, sys.largestBlock), denseOmegaMargin);
    const ext = opExtremes(op);
    return { ...h, normA: normOf(ext), normAError: ext.error, normHow: ext.how };
  });
  const e = sys.spaces.spaceEnergy;
  return {
    method: 'dense', dimension: sys.n, normH: Math.max(Math.abs(e[0]), Math.abs(e[e.length - 1])), width: e[e.length - 1] - e[0],
    channels, roundoffDimension: sys.largestBlock, inexact: [],
    notes: [...notes, `H_S diagonalised in ${sys.blocks.length} block(s), largest ${sys.largestBlock}; ${e.length} eigenspaces`],
  };
}

function columnsOf(sys: EigenSystem, A: SparseMatrix): { columns: DenseColumns; scale: number } {
  const [re, im] = operatorToEigenbasis(sys, A);
  let scale = 0;
  for (let p = 0; p < re.length; p++) {
    const v = im ? Math.hypot(re[p], im[p]) : Math.abs(re[p]);
    if (v > scale) scale = v;
  }
  return { columns: new DenseColumns(sys.n, re, im), scale };
}
