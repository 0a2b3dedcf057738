/**
 * Verification campaigns: many seeded random models, every limit checked on each, the largest
 * |J|/B per bound tracked with its model, violations shrunk to a minimal model. Each run is one
 * JSON line, written whole, so an interrupted campaign loses nothing and can be resumed.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { PreciseNotApplicable } from '../src/engine/index.js';
import { InputError } from '../src/lang/index.js';
import { autoEngine, instanceOf, type BoundName, type EngineReport } from './engine.js';
import { modelArbitrary, modelFileText, type ModelClass, type ModelSample } from './arbitraries.js';
import {
  PropertyViolation, checkBandLimit, checkBoundChain, checkTailBound, checkCubicLimit, checkEnginesAgree, checkPinchedState,
  checkPinchingIdentity, checkSecondLaw, type PropertyName, type TwoBathSample,
} from './properties.js';
import { twoBathArbitrary } from './two-bath.js';

export type CampaignClass = ModelClass | 'two-bath';
export const campaignClasses: readonly CampaignClass[] = ['local', 'extensive', 'global', 'band', 'collective', 'two-bath'];

export interface CampaignOptions {
  /** Classes run in turn (run i uses classes[i % classes.length]). */
  readonly classes: readonly CampaignClass[];
  readonly L: readonly [number, number];
  readonly runs: number;
  readonly seed: number;
  readonly digits: number;
  /** JSON-lines file the runs are appended to (null: none). */
  readonly out: string | null;
  /** Skip the runs already in `out` (same seed, classes and L). */
  readonly resume: boolean;
}

/** One run's line. */
export interface RunRecord {
  readonly run: number;
  readonly seed: number;
  readonly campaignSeed: number;
  readonly cls: CampaignClass;
  readonly L: number;
  readonly engine: string;
  readonly J: string;
  /** |J|/B per bound (null where B = 0 or not computed). */
  readonly ratios: Partial<Record<BoundName, string | null>>;
  readonly checks: Readonly<Partial<Record<PropertyName, 'ok' | 'skipped' | string>>>;
  readonly violation: string | null;
  /** The model file of the run (shrunk when it violated a limit). */
  readonly model: string;
  readonly ms: number;
}

export interface CampaignSummary {
  readonly seed: number;
  readonly classes: readonly CampaignClass[];
  readonly L: readonly [number, number];
  readonly runs: number;
  readonly resumed: number;
  readonly byClass: Readonly<Record<string, number>>;
  readonly violations: readonly RunRecord[];
  /** The run with the largest |J|/B for each bound. */
  readonly tightest: Readonly<Partial<Record<BoundName, RunRecord>>>;
  readonly checks: Readonly<Record<string, { ok: number; skipped: number; violated: number }>>;
  readonly seconds: number;
}

/** The seed of run i of a campaign (a fixed mix, so any run can be replayed alone). */
export function runSeed(seed: number, run: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (run + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

function arbitraryOf(cls: CampaignClass, L: readonly [number, number]): fc.Arbitrary<ModelSample> {
  if (cls === 'two-bath') return twoBathArbitrary(Math.min(3, L[1]));
  return modelArbitrary({ classes: [cls], L });
}

const boundList: readonly BoundName[] = ['Bstate', 'B1', 'B1coarse', 'B2'];

/** Runs every check on a sample; throws the first PropertyViolation. */
function checkAll(s: ModelSample, cls: CampaignClass, digits: number, checks: Record<string, string>): EngineReport | null {
  const run = (name: PropertyName, f: () => unknown): unknown => {
    try {
      const r = f();
      checks[name] = 'ok';
      return r;
    } catch (err) {
      if (err instanceof PreciseNotApplicable) { checks[name] = 'skipped'; return null; }
      if (err instanceof PropertyViolation) checks[name] = err.message;
      throw err;
    }
  };
  if (cls === 'two-bath') {
    run('second-law', () => checkSecondLaw(s as TwoBathSample));
    return null;
  }
  const engine = autoEngine(digits);
  const inst = instanceOf(s);
  const report = engine(inst);
  const fixed = () => report;
  run('bound-chain', () => checkBoundChain(inst, { engine: fixed }));
  run('cubic-limit', () => checkCubicLimit(s, { engine: fixed }));
  if (s.deltaE !== null) run('band-limit', () => checkBandLimit(s, { engine: fixed }));
  run('band-tail', () => checkTailBound(inst, { engine: fixed }));
  if (report.engine.startsWith('decimal')) run('engines-agree', () => checkEnginesAgree(inst, { engine: fixed }));
  else checks['engines-agree'] = 'skipped';
  run('pinching-identity', () => checkPinchingIdentity(inst, { digits }));
  run('pinched-state', () => checkPinchedState(inst, { digits }));
  return report;
}

/**
 * Runs a campaign; `progress(done, total)` is called after each run.
 *
 * @throws InputError when `resume` finds a file from a different campaign
 */
export function runCampaign(opts: CampaignOptions, progress: (done: number, total: number, last: RunRecord) => void = () => {}): CampaignSummary {
  const t0 = Date.now();
  const previous = opts.resume && opts.out && existsSync(opts.out) ? readRecords(opts.out, opts) : [];
  // A line cut by an interruption stays unparseable and skipped: start the next one on its own line.
  if (opts.out && existsSync(opts.out)) {
    const text = readFileSync(opts.out, 'utf8');
    if (text.length > 0 && !text.endsWith('\n')) appendFileSync(opts.out, '\n');
  }
  const done = new Set(previous.map((r) => r.run));
  const records: RunRecord[] = [...previous];
  for (let i = 0; i < opts.runs; i++) {
    if (done.has(i)) continue;
    const cls = opts.classes[i % opts.classes.length];
    const seed = runSeed(opts.seed, i);
    const arb = arbitraryOf(cls, opts.L);
    const [sample] = fc.sample(arb, { seed, numRuns: 1 });
    const t = Date.now();
    const checks: Record<string, string> = {};
    let report: EngineReport | null = null;
    let violation: string | null = null;
    let model = modelFileText(sample);
    try {
      report = checkAll(sample, cls, opts.digits, checks);
    } catch (err) {
      if (err instanceof InputError) {
        // A sample neither engine can compute (e.g. a steady state that is not unique): recorded, not a violation.
        checks.computable = `skipped: ${err.errors[0]?.message ?? err.message}`;
        const rec: RunRecord = { run: i, seed, campaignSeed: opts.seed, cls, L: sample.L, engine: 'none', J: '', ratios: {}, checks, violation: null, model, ms: Date.now() - t };
        if (opts.out) appendFileSync(opts.out, JSON.stringify({ ...rec, classes: opts.classes, Lrange: opts.L }) + '\n');
        records.push(rec);
        progress(records.length, opts.runs, rec);
        continue;
      }
      if (!(err instanceof PropertyViolation)) throw err;
      // Shrink: fast-check replays this seed (same first sample) and minimises the failure.
      const details = fc.check(fc.property(arb, (s) => { checkAll(s, cls, opts.digits, {}); }), { seed, numRuns: 1 });
      const shrunk = details.counterexample?.[0] ?? sample;
      const e = details.errorInstance;
      violation = e instanceof Error ? e.message : err.message;
      model = modelFileText(shrunk);
    }
    const ratio = (b: BoundName): string | null => {
      if (!report) return null;
      const B = report.bounds[b].value;
      return B.isZero() ? null : report.J.value.abs().div(B).toSignificantDigits(12).toString();
    };
    const rec: RunRecord = {
      run: i, seed, campaignSeed: opts.seed, cls, L: sample.L, engine: report?.engine ?? 'float64',
      J: report ? report.J.value.toSignificantDigits(15).toString() : '',
      ratios: Object.fromEntries(boundList.map((b) => [b, ratio(b)])),
      checks, violation, model, ms: Date.now() - t,
    };
    if (opts.out) appendFileSync(opts.out, JSON.stringify({ ...rec, classes: opts.classes, Lrange: opts.L }) + '\n');
    records.push(rec);
    progress(records.length, opts.runs, rec);
  }
  return summarise(opts, records, previous.length, (Date.now() - t0) / 1000);
}

function readRecords(file: string, opts: CampaignOptions): RunRecord[] {
  const out: RunRecord[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const last = lines.map((l) => l.trim() !== '').lastIndexOf(true);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let r: RunRecord & { classes?: CampaignClass[]; Lrange?: [number, number] };
    try { r = JSON.parse(line); } catch {
      // The last line may have been cut by an interruption: everything before it is kept.
      if (i === last) return;
      throw new InputError({ code: 'bad-usage', file, key: '--resume', line: i + 1, column: 1, token: '', message: 'this line is not JSON; resume only a file that verify --out wrote' });
    }
    if (typeof r !== 'object' || r === null || typeof r.run !== 'number' || r.campaignSeed === undefined) {
      throw new InputError({ code: 'bad-usage', file, key: '--resume', line: i + 1, column: 1, token: '', message: 'this line is not a run of a verify campaign; resume only a file that verify --out wrote' });
    }
    if (r.campaignSeed !== opts.seed || JSON.stringify(r.classes) !== JSON.stringify(opts.classes) || JSON.stringify(r.Lrange) !== JSON.stringify(opts.L)) {
      throw new InputError({
        code: 'bad-usage', file, key: '--resume', line: i + 1, column: 1, token: '',
        message: `this file holds runs of another campaign (seed ${r.campaignSeed}, classes ${r.classes?.join(',')}, L ${r.Lrange?.join('..')}); resume with the same --seed, --class and --L, or write to another --out`,
      });
    }
    if (r.run < opts.runs) out.push(r);
  });
  return out;
}

function summarise(opts: CampaignOptions, records: readonly RunRecord[], resumed: number, seconds: number): CampaignSummary {
  const byClass: Record<string, number> = {};
  const checks: Record<string, { ok: number; skipped: number; violated: number }> = {};
  const tightest: Partial<Record<BoundName, RunRecord>> = {};
  for (const r of records) {
    byClass[r.cls] = (byClass[r.cls] ?? 0) + 1;
    for (const [name, v] of Object.entries(r.checks)) {
      const c = (checks[name] ??= { ok: 0, skipped: 0, violated: 0 });
      if (v === 'ok') c.ok++; else if (v.startsWith('skipped')) c.skipped++; else c.violated++;
    }
    for (const b of boundList) {
      const v = r.ratios[b];
      if (v == null) continue;
      const best = tightest[b]?.ratios[b];
      if (best == null || Number(v) > Number(best)) tightest[b] = r;
    }
  }
  return {
    seed: opts.seed, classes: opts.classes, L: opts.L, runs: records.length, resumed, byClass,
    violations: records.filter((r) => r.violation !== null), tightest, checks, seconds,
  };
}
