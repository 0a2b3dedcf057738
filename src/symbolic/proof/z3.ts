/**
 * The one Z3 instance of the process, started lazily, and the way every query reaches it: as
 * SMT-LIB2 text. z3-solver runs long checks on worker threads that it unrefs, so a process that
 * used Z3 still exits on its own; `releaseZ3` ends the threads early if a caller wants to.
 */
import type { Context, init } from 'z3-solver';
import { Q } from '../rational.js';

/** Bounds on a model value: equal for a rational, a bracket for an algebraic number. */
export interface ModelValue {
  readonly lower: Q;
  readonly upper: Q;
}

/** Z3's answer to an SMT-LIB2 query (a model for sat, by constant name). */
export type Smt2Answer =
  | { readonly status: 'sat'; readonly model: Readonly<Record<string, ModelValue>> }
  | { readonly status: 'unsat' }
  | { readonly status: 'unknown'; readonly reason: string };

/** Something that answers SMT-LIB2 queries: Z3 by default; tests may pass a stand-in. */
export type Smt2Solver = (smt2: string, timeoutMs: number) => Promise<Smt2Answer>;

type Api = Awaited<ReturnType<typeof init>>;
interface Z3 { api: Api; ctx: Context<'heatbound'> }

let instance: Promise<Z3> | null = null;

/** Digits of the rational brackets of algebraic model values. */
const ALGEBRAIC_PRECISION = 12;

// z3-solver is loaded on the first query, not when the module is imported: every command that
// imports the symbolic layer would otherwise pay for loading it (about 70 ms of CPU).
function z3(): Promise<Z3> {
  instance ??= import('z3-solver').then((m) => m.init()).then((api) => ({ api, ctx: new api.Context('heatbound') }));
  return instance;
}

/**
 * Runs SMT-LIB2 text (declarations, assertions; a check-sat in it is ignored) on the shared Z3
 * with a time limit.
 *
 * @example
 * await z3Solve('(declare-const |x| Real) (assert (< (* |x| |x|) 0.0))', 5000) // { status: 'unsat' }
 */
export const z3Solve: Smt2Solver = async (smt2, timeoutMs) => {
  const { api, ctx } = await z3();
  const solver = new ctx.Solver();
  try {
    solver.set('timeout', Math.max(1, Math.round(timeoutMs)));
    solver.fromString(smt2);
    const status = await solver.check();
    if (status === 'unsat') return { status };
    if (status === 'unknown') return { status, reason: solver.reasonUnknown() || 'unknown' };
    const model = solver.model();
    const values: Record<string, ModelValue> = {};
    for (const decl of model.decls()) {
      const v = model.get(decl);
      if (!ctx.isExpr(v)) continue;
      const read = (ast: typeof v.ast): Q => Q.parse(api.Z3.get_numeral_string(ctx.ptr, ast));
      if (api.Z3.is_algebraic_number(ctx.ptr, v.ast)) {
        values[decl.name().toString()] = {
          lower: read(api.Z3.get_algebraic_number_lower(ctx.ptr, v.ast, ALGEBRAIC_PRECISION)),
          upper: read(api.Z3.get_algebraic_number_upper(ctx.ptr, v.ast, ALGEBRAIC_PRECISION)),
        };
      } else if (api.Z3.is_numeral_ast(ctx.ptr, v.ast)) {
        const q = read(v.ast);
        values[decl.name().toString()] = { lower: q, upper: q };
      }
    }
    return { status, model: values };
  } catch (e) {
    return { status: 'unknown', reason: `z3 failed: ${(e as Error).message}` };
  } finally {
    solver.release();
  }
};

/** True once Z3 has been started in this process. */
export function z3Started(): boolean {
  return instance !== null;
}

/**
 * Ends Z3's worker threads (not needed for the process to exit; frees them early). Z3 starts
 * again on the next query.
 */
export async function releaseZ3(): Promise<void> {
  if (!instance) return;
  const { api } = await instance;
  instance = null;
  await (await import('z3-solver')).killThreads(api.em);
}
