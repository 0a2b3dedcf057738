/**
 * Site index expressions of the model language read exactly: `k`, `(k+1)%L`, `L-1`, `2`. An index
 * is affine, kc k + c + cL L with integers, optionally wrapped `% L` as a whole. Anything else
 * (k*k, k/2, a % that is not the outermost operation, % by something other than L) is not read.
 */
import { printExpr, type Expr } from '../lang/index.js';
import { NotDerivable } from './scalarpoly.js';

/** kc * index + c + cL * L, wrapped mod L when `wrap`. */
export interface AffineIndex {
  readonly kc: number;
  readonly c: number;
  readonly cL: number;
  readonly wrap: boolean;
}

interface Lin { k: number; c: number; L: number }

function lin(e: Expr, index: string | null, text: string): Lin {
  const bad = (why: string): never => { throw new NotDerivable(`the site index '${text}' ${why}`); };
  switch (e.kind) {
    case 'num': {
      const v = Number(e.text);
      if (!Number.isSafeInteger(v)) bad('has a non-integer literal');
      return { k: 0, c: v, L: 0 };
    }
    case 'name':
      if (e.name === 'L') return { k: 0, c: 0, L: 1 };
      if (index !== null && e.name === index) return { k: 1, c: 0, L: 0 };
      return bad(`mentions '${e.name}', which is neither the site index${index ? ` ${index}` : ''} nor L`);
    case 'unary': {
      const a = lin(e.arg, index, text);
      return e.op === '-' ? { k: -a.k, c: -a.c, L: -a.L } : a;
    }
    case 'binary': {
      if (e.op === '%') return bad('has a % inside it (only a wrap of the whole index, (...)%L, is read)');
      const a = lin(e.left, index, text), b = lin(e.right, index, text);
      if (e.op === '+') return { k: a.k + b.k, c: a.c + b.c, L: a.L + b.L };
      if (e.op === '-') return { k: a.k - b.k, c: a.c - b.c, L: a.L - b.L };
      if (e.op === '*') {
        if (a.k === 0 && a.L === 0) return { k: a.c * b.k, c: a.c * b.c, L: a.c * b.L };
        if (b.k === 0 && b.L === 0) return { k: b.c * a.k, c: b.c * a.c, L: b.c * a.L };
        return bad('is not affine in the site index and L');
      }
      return bad(`uses '${e.op}'`);
    }
    default:
      return bad('is not integer arithmetic in the site index and L');
  }
}

/**
 * The affine form of a site index.
 *
 * @param index the bound index the expression may use (null: none)
 * @throws NotDerivable for indices that are not affine (optionally wrapped mod L as a whole)
 */
export function affineIndex(e: Expr, index: string | null): AffineIndex {
  const text = printExpr(e);
  if (e.kind === 'binary' && e.op === '%') {
    if (!(e.right.kind === 'name' && e.right.name === 'L')) throw new NotDerivable(`the site index '${text}' wraps by something other than L`);
    const a = lin(e.left, index, text);
    // Mod L the multiple of L does not matter.
    return { kc: a.k, c: a.c, cL: 0, wrap: true };
  }
  const a = lin(e, index, text);
  return { kc: a.k, c: a.c, cL: a.L, wrap: false };
}

/** Every site node in an expression (outside nested binders too). */
export function siteNodes(e: Expr, out: Extract<Expr, { kind: 'site' }>[] = []): Extract<Expr, { kind: 'site' }>[] {
  switch (e.kind) {
    case 'site': out.push(e); break;
    case 'unary': siteNodes(e.arg, out); break;
    case 'binary': siteNodes(e.left, out); siteNodes(e.right, out); break;
    case 'call': for (const a of e.args) siteNodes(a, out); break;
    case 'binder': siteNodes(e.body, out); break;
    default: break;
  }
  return out;
}

/**
 * The one site (as a shift of the bound index) a binder body over all sites acts on, checking that
 * every site reference in it is that same site: `k`, `(k+c)%L` (a shift of the whole body, which
 * sums to the same operator) are fine; `Z[k]*Z[(k+1)%L]` acts on two sites and is not one-site.
 *
 * @throws NotDerivable naming the references when they are not all the same site of the index
 */
export function oneSiteOfBody(body: Expr, index: string): void {
  const keys = new Map<string, string>();
  for (const s of siteNodes(body)) {
    const t = printExpr(s.index);
    const a = affineIndex(s.index, index);
    if (a.kc !== 1) throw new NotDerivable(`'${printExpr(s)}' is not on the summed site ${index}`);
    // Over all sites k = 0..L-1 an index k + c without wrap leaves the sites for c != 0.
    if (!a.wrap && (a.c !== 0 || a.cL !== 0)) throw new NotDerivable(`'${printExpr(s)}' leaves the sites 0..L-1 (no % L wrap)`);
    keys.set(String(a.c), t);
  }
  if (keys.size > 1) {
    throw new NotDerivable(`the body '${printExpr(body)}' acts on ${keys.size} different sites (${[...keys.values()].join(', ')}), not on one site of ${index}`);
  }
}
