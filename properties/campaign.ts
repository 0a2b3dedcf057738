/**
 * Verification campaigns: many seeded random models, every limit checked on each, the largest
 * |J|/B per bound tracked with its model, violations shrunk to a minimal model. Each run is one
 * JSON line, written whole, so an interrupted campaign loses nothing and can be resumed: on resume
 * every line is validated (JSON, the fields of a run record, this campaign's seed, classes and L,
 * the run's seed, class and model drawn again from its run seed, no run twice), and a cut last line
 * (an interrupted write) is truncated away and its run computed again.
 *
 * At scale: `engine: 'float64'` runs the checks on the float64 engine (its own error bounds);
 * `shard: {index, count}` computes only the runs r with r mod count = index - 1 (index 1-based, as
 * Slurm's array task ids), each shard into its own file; mergeCampaignFiles merges the
 * shard files (campaign-merge.ts; every line validated as on resume, no run lost or doubled) into
 * the file and summary of one process; runCampaignInWorkers (campaign-workers.ts) spreads the runs
 * over worker threads, with the same lines in run order as one thread.
 */
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import fc from 'fast-check';
import { PreciseNotApplicable } from '../src/engine/index.js';
import { InputError } from '../src/lang/index.js';
import { decimalContext, type Decimal } from '../src/numeric/index.js';
import { autoEngineRun, float64Engine, instanceOf, onlyLowerBounds, type AutoEngineRun, type BoundName, type EngineReport } from './engine.js';
import { modelArbitrary, modelFileText, type ModelClass, type ModelSample } from './arbitraries.js';
import {
  PropertyViolation, checkBandLimit, checkBoundChain, checkTailBound, checkCubicLimit, checkEnginesAgree, lowerBoundSkips,
  checkSecondLaw, pinchedStateIn, pinchingIdentityIn, type PropertyName, type TwoBathSample,
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
  /**
   * The engine of the checks (default 'decimal': decimal.js at `digits` where it applies, float64
   * elsewhere). 'float64': every check on the float64 engine with its a-posteriori error bounds
   * (a margin inside the error is never a violation); the decimal-only checks (pinching-identity,
   * pinched-state, engines-agree) are skipped.
   */
  readonly engine?: CampaignEngine;
  /** Compute only this shard's runs (default: all). */
  readonly shard?: CampaignShard | null;
}

/** The engine a campaign's checks run on. */
export type CampaignEngine = 'float64' | 'decimal';

/**
 * Shard `index` of `count` (1 <= index <= count): the runs r with r mod count = index - 1, so
 * shard I of N holds runs I-1, I-1+N, I-1+2N, ... (1-based like Slurm's SLURM_ARRAY_TASK_ID).
 */
export interface CampaignShard {
  readonly index: number;
  readonly count: number;
}

/** Whether run `run` belongs to `shard` (every run does when there is none). */
export function inShard(run: number, shard: CampaignShard | null | undefined): boolean {
  return !shard || run % shard.count === shard.index - 1;
}

const engineOf = (opts: Pick<CampaignOptions, 'engine'>): CampaignEngine => opts.engine ?? 'decimal';

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

/** The arbitraries of the classes by class and L range, built once per thread (an arbitrary holds no state between samples). */
const arbitraries = new Map<string, fc.Arbitrary<ModelSample>>();

function arbitraryOf(cls: CampaignClass, L: readonly [number, number]): fc.Arbitrary<ModelSample> {
  const key = `${cls} ${L[0]} ${L[1]}`;
  let arb = arbitraries.get(key);
  if (arb === undefined) {
    arb = cls === 'two-bath' ? twoBathArbitrary(Math.min(3, L[1])) : modelArbitrary({ classes: [cls], L });
    arbitraries.set(key, arb);
  }
  return arb;
}

const boundList: readonly BoundName[] = ['Bstate', 'B1', 'B1coarse', 'B2'];

/** Why a check is skipped on the float64 engine. */
const decimalOnly = 'skipped: a decimal.js check (--engine decimal runs it)';

/** Runs every check on a sample; throws the first PropertyViolation. */
function checkAll(s: ModelSample, cls: CampaignClass, digits: number, checks: Record<string, string>, mode: CampaignEngine = 'decimal'): EngineReport | null {
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
  const inst = instanceOf(s);
  // The engine runs once; on decimal, its precise system and result serve the pinching checks too
  // (each check as checkPinchingIdentity / checkPinchedState, which build and evaluate it again).
  const precise: AutoEngineRun | null = mode === 'float64' ? null : autoEngineRun(inst, digits);
  const report = precise?.report ?? float64Engine()(inst);
  const fixed = () => report;
  // On terms that are lower bounds only, the checks leave out the inequalities they cannot decide: counted as skipped, not ok.
  const lower = onlyLowerBounds(report);
  const bounded = (name: PropertyName, f: () => unknown): void => {
    run(name, f);
    const why = lowerBoundSkips[name];
    if (lower && why && checks[name] === 'ok') checks[name] = why;
  };
  // The sample with its parsed model: the checks take the model from it instead of parsing its text again.
  const parsed = { ...s, ...inst };
  bounded('bound-chain', () => checkBoundChain(inst, { engine: fixed }));
  bounded('cubic-limit', () => checkCubicLimit(parsed, { engine: fixed }));
  if (s.deltaE !== null) bounded('band-limit', () => checkBandLimit(parsed, { engine: fixed }));
  bounded('band-tail', () => checkTailBound(inst, { engine: fixed }));
  if (report.engine.startsWith('decimal')) run('engines-agree', () => checkEnginesAgree(inst, { engine: fixed }));
  else checks['engines-agree'] = mode === 'float64' ? decimalOnly : 'skipped';
  if (mode === 'float64') {
    checks['pinching-identity'] = decimalOnly;
    checks['pinched-state'] = decimalOnly;
    return report;
  }
  const { system, result, failure } = precise!;
  run('pinching-identity', () => pinchingIdentityIn(system ?? fail(failure)));
  run('pinched-state', () => pinchedStateIn(system ?? fail(failure), () => result?.J ?? fail(failure)));
  return report;
}

/** Throws `err` (what building or evaluating the precise system met), as the check computing it again would. */
function fail(err: unknown): never {
  throw err;
}

/**
 * Runs a campaign; `progress(done, total)` is called after each run, `notice(message)` when a
 * resume repairs the file (a cut last line removed). Appending a run that fails (no space, over
 * the file size limit) cuts the partial line off again and throws the system error with the file
 * as its `path`; the runs before stay whole, and a resume carries on.
 *
 * @throws InputError when `resume` finds a line that is not a run of this campaign (file:line for
 *   each), or when the file holds runs and `resume` is not set
 */
export function runCampaign(
  opts: CampaignOptions,
  progress: (done: number, total: number, last: RunRecord) => void = () => {},
  notice: (message: string) => void = () => {},
): CampaignSummary {
  const t0 = Date.now();
  const { previous, sink } = opts.out ? openCampaignFile(opts.out, opts, notice) : { previous: [], sink: null };
  try {
    return runAll(opts, previous, sink, progress, t0);
  } finally {
    sink?.close();
  }
}

/** Computes the runs still to do in this thread, appends each, and sums the campaign up (internal to properties/: campaign-workers.ts). */
export function runAll(
  opts: CampaignOptions, previous: readonly RunRecord[], sink: CampaignSink | null,
  progress: (done: number, total: number, last: RunRecord) => void, t0: number,
): CampaignSummary {
  const records: RunRecord[] = [...previous];
  for (const i of runsToDo(opts, previous)) {
    const rec = computeRun(opts, i);
    sink?.append(lineOf(opts, rec));
    records.push(rec);
    progress(records.length, opts.runs, rec);
  }
  return summarise(opts, records, previous.length, (Date.now() - t0) / 1000);
}

/** The run ids still to compute: this shard's runs below `runs`, not among `previous`, in order. */
export function runsToDo(opts: CampaignOptions, previous: readonly RunRecord[]): number[] {
  const done = new Set(previous.map((r) => r.run));
  const out: number[] = [];
  for (let i = 0; i < opts.runs; i++) if (!done.has(i) && inShard(i, opts.shard)) out.push(i);
  return out;
}

/**
 * The campaign file's line of a run: the record, the campaign's classes and L range, and when set
 * its engine (`campaignEngine`, absent for decimal) and shard (`shard`, with the campaign's runs).
 */
export function lineOf(opts: CampaignOptions, rec: RunRecord): object {
  return {
    ...rec, classes: opts.classes, Lrange: opts.L,
    ...(engineOf(opts) === 'float64' ? { campaignEngine: 'float64' } : {}),
    ...(opts.shard ? { shard: { index: opts.shard.index, count: opts.shard.count, runs: opts.runs } } : {}),
  };
}

/**
 * Run `i` of the campaign `opts`: its sample drawn from its run seed, every check, a violation
 * shrunk to a minimal model. Depends only on the seed, classes, L, digits, engine and `i` (and
 * `ms`, its time), so any thread computes the same record.
 */
export function computeRun(opts: Pick<CampaignOptions, 'classes' | 'L' | 'seed' | 'digits' | 'engine'>, i: number): RunRecord {
  const mode = engineOf(opts);
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
    report = checkAll(sample, cls, opts.digits, checks, mode);
  } catch (err) {
    if (err instanceof InputError) {
      // A sample neither engine can compute (e.g. a steady state that is not unique): recorded, not a violation.
      checks.computable = `skipped: ${err.errors[0]?.message ?? err.message}`;
      return { run: i, seed, campaignSeed: opts.seed, cls, L: sample.L, engine: 'none', J: '', ratios: {}, checks, violation: null, model, ms: Date.now() - t };
    }
    if (!(err instanceof PropertyViolation)) throw err;
    // Shrink: fast-check replays this seed (same first sample) and minimises the failure.
    const details = fc.check(fc.property(arb, (s) => { checkAll(s, cls, opts.digits, {}, mode); }), { seed, numRuns: 1 });
    const shrunk = details.counterexample?.[0] ?? sample;
    const e = details.errorInstance;
    violation = e instanceof Error ? e.message : err.message;
    model = modelFileText(shrunk);
  }
  const ratio = (b: BoundName): string | null => {
    if (!report) return null;
    const B = report.bounds[b].value;
    return B.isZero() ? null : ratioText(report.J.value.abs(), B);
  };
  return {
    run: i, seed, campaignSeed: opts.seed, cls, L: sample.L, engine: report?.engine ?? 'float64',
    J: report ? report.J.value.toSignificantDigits(15).toString() : '',
    ratios: Object.fromEntries(boundList.map((b) => [b, ratio(b)])),
    checks, violation, model, ms: Date.now() - t,
  };
}

/** The digits of {@link ratioText}'s first division. */
const quickDigits = 40;

/**
 * `x.div(B).toSignificantDigits(12).toString()` in x's own precision (the float64 engine's
 * values are in the properties' 1100 digits), without dividing to all of them where 40 decide:
 * with q the quotient at 40 digits and u one unit of its 40th digit, the exact quotient lies within
 * u of q and the quotient at x's precision within u of that, so in [q - 2u, q + 2u]; when both
 * ends round to the same 12 digits, so does it (rounding is monotone). Otherwise (a quotient next
 * to a rounding boundary) the division at x's precision decides, as before.
 *
 * @example ratioText(new HP(1), new HP(3)) // '0.333333333333'
 */
export function ratioText(x: Decimal, B: Decimal): string {
  const C = x.constructor as typeof Decimal;
  const exact = (): string => x.div(B).toSignificantDigits(12).toString();
  if (C.precision <= quickDigits) return exact();
  const q = decimalContext(quickDigits, C.rounding).div(x, B);
  if (q.isZero() || !q.isFinite()) return exact();
  const unit = new C(`2e${q.e - quickDigits + 1}`);
  const lo = new C(q).minus(unit).toSignificantDigits(12), hi = new C(q).plus(unit).toSignificantDigits(12);
  return lo.eq(hi) ? hi.toString() : exact();
}

/** Appends run lines to a campaign file, each whole or not at all. */
export interface CampaignSink {
  append(line: object): void;
  close(): void;
}

/**
 * Opens the campaign file `file` for appending: on resume, its runs validated line by line (every
 * bad line reported as `file:line`), and a cut last line truncated away (said through `notice`).
 *
 * @throws InputError (bad-usage, key --resume or --out) for a file that is not this campaign's
 */
export function openCampaignFile(file: string, opts: CampaignOptions, notice: (message: string) => void): { previous: RunRecord[]; sink: CampaignSink } {
  const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
  if (bytes.length > 0 && !opts.resume) {
    throw new InputError({ code: 'bad-usage', file: '<command line>', key: '--out', line: 0, column: 0, token: file, message: `'${file}' holds runs already; resume its campaign (resume: true, --resume), or choose another file` });
  }
  // Everything up to the last line end is whole lines; bytes after it are a line cut by an interruption.
  const whole = bytes.lastIndexOf(0x0a) + 1;
  const text = bytes.subarray(0, whole).toString('utf8');
  // Only the start of a run line is cut off and repaired: other bytes without a line end (a file
  // that verify did not write, such as a one-line JSON file) are reported, never truncated away.
  const cutLine = text === '' ? 1 : text.split('\n').length;
  const tail = whole < bytes.length && !isCutRunLine(bytes.subarray(whole)) ? cutLine : null;
  const previous = opts.resume ? readRecords(file, text, opts, tail) : [];
  const fd = openSync(file, 'a');
  let size = bytes.length;
  if (whole < bytes.length) {
    try {
      ftruncateSync(fd, whole);
    } catch (err) {
      closeSync(fd);
      throw withPath(err, file);
    }
    size = whole;
    const run = /^\{"run":(\d+),/.exec(bytes.subarray(whole, whole + 32).toString('utf8'))?.[1];
    notice(`${file}:${cutLine}: the last line was cut by an interruption (${bytes.length - whole} bytes, no line end): removed${run === undefined ? '' : `; run ${run} is computed again`}`);
  }
  return {
    previous,
    sink: {
      append(rec) {
        const buf = Buffer.from(JSON.stringify(rec) + '\n', 'utf8');
        try {
          for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
        } catch (err) {
          // Out of space or over the size limit: cut the partial line back off (a cut line left
          // behind, if even that fails, is repaired by the next resume).
          try { ftruncateSync(fd, size); } catch { /* the resume repairs it */ }
          throw withPath(err, file);
        }
        size += buf.length;
      },
      close() { closeSync(fd); },
    },
  };
}

/** A system call's error with the campaign file as its `path`, so the CLI names the file. */
function withPath(err: unknown, file: string): unknown {
  if (err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string') (err as NodeJS.ErrnoException).path = file;
  return err;
}

/** How many bad lines one error lists before it says how many more there are. */
const maxReported = 20;

/** The start of every run line verify writes (lineOf's first key). */
const runLineStart = '{"run":';

/**
 * Whether `tail` (the bytes after a campaign file's last line end) can be a run line cut by an
 * interruption: a prefix of `{"run":`, or `{"run":` and the digits of a run id, then a comma or
 * nothing (white space between JSON tokens allowed).
 */
function isCutRunLine(tail: Buffer): boolean {
  const head = tail.subarray(0, 32).toString('latin1');
  // JSON may have white space between the tokens (a line written by another JSON tool).
  const compact = head.replace(/^(\{\s*"run"\s*:\s*)/, '{"run":');
  return runLineStart.startsWith(head.replace(/\s+/g, '')) || /^\{"run":\s*\d*\s*(,|$)/.test(compact);
}

/**
 * The runs of a campaign file's whole lines (`text`), validated; `tail`, when not null, is the line
 * after the last line end that is no cut run line (reported, as the bad lines are).
 */
function readRecords(file: string, text: string, opts: CampaignOptions, tail: number | null = null): RunRecord[] {
  const out: RunRecord[] = [];
  const seen = new Map<number, string>();
  const bad: { line: number; column?: number; message: string }[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const problem = recordProblem(line, opts, seen, opts.shard ?? null);
    if (typeof problem === 'string') { bad.push({ line: i + 1, message: problem }); return; }
    seen.set(problem.run, `line ${i + 1}`);
    if (problem.run < opts.runs) out.push(problem);
  });
  if (tail !== null) {
    bad.push({ line: tail, column: 1, message: `the last line has no line end and is not a cut run line (a run line starts ${runLineStart}); only a run line cut by an interruption is repaired, and this file is left as it is` });
  }
  if (bad.length === 0) return out;
  throw badLines(bad.map((b) => ({ file, ...b })), '--resume', '(resume only a file that verify --out wrote for this campaign; delete or fix the lines above, or write to another --out)');
}

/** The InputError of bad campaign lines: the first {@link maxReported} as file:line, then how many more, then `advice`. */
export function badLines(bad: readonly { file: string; line: number; column?: number; message: string }[], key: string, advice: string): InputError {
  const errors = bad.slice(0, maxReported).map((b) => ({ code: 'bad-usage' as const, file: b.file, key, line: b.line, column: b.column ?? 1, token: '', message: b.message }));
  if (bad.length > maxReported) {
    errors.push({ code: 'bad-usage', file: bad[0].file, key, line: 0, column: 0, token: '', message: `and ${bad.length - maxReported} more bad lines (${bad.length} in all)` });
  }
  errors[errors.length - 1] = { ...errors[errors.length - 1], message: `${errors[errors.length - 1].message}\n${advice}` };
  return new InputError(errors);
}

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);
const isNumberText = (x: unknown): boolean => typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x));

/** The fields of a run line and what each must be. */
const recordFields: readonly [string, string, (v: unknown) => boolean][] = [
  ['run', 'an integer >= 0', (v) => isInt(v) && v >= 0],
  ['seed', 'an integer', isInt],
  ['campaignSeed', 'an integer', isInt],
  ['cls', `one of ${campaignClasses.join(', ')}`, (v) => (campaignClasses as readonly unknown[]).includes(v)],
  ['L', 'an integer >= 1', (v) => isInt(v) && v >= 1],
  ['engine', 'a string', (v) => typeof v === 'string'],
  ['J', "a number as a string ('' when not computed)", (v) => v === '' || isNumberText(v)],
  ['ratios', `an object of ${boundList.join(', ')} to a number >= 0 as a string or null`,
    (v) => isObject(v) && Object.entries(v).every(([k, r]) => boundList.includes(k as BoundName) && (r === null || (isNumberText(r) && Number(r) >= 0)))],
  ['checks', "an object of check names to 'ok', 'skipped...' or a violation", (v) => isObject(v) && Object.values(v).every((c) => typeof c === 'string')],
  ['violation', 'a string or null', (v) => v === null || typeof v === 'string'],
  ['model', 'the model file text (a string)', (v) => typeof v === 'string'],
  ['ms', 'a number >= 0', (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0],
  ['classes', 'the list of the campaign\'s classes', (v) => Array.isArray(v) && v.every((c) => typeof c === 'string')],
  ['Lrange', 'the campaign\'s L range [A, B]', (v) => Array.isArray(v) && v.length === 2 && v.every(isInt)],
  ['campaignEngine', "absent (decimal) or 'float64'", (v) => v === undefined || v === 'float64'],
  ['shard', 'absent or the shard {index, count, runs} with 1 <= index <= count',
    (v) => v === undefined || (isObject(v) && isInt(v.index) && isInt(v.count) && isInt(v.runs) && v.index >= 1 && v.index <= v.count && v.runs >= 1)],
];

/** A run line's campaign fields beyond the record. */
export type CampaignLine = RunRecord & { classes: string[]; Lrange: [number, number]; campaignEngine?: 'float64'; shard?: CampaignShard & { runs: number } };

/**
 * The run of one line, or what is wrong with it. `seen` holds where each run id was met already
 * ("line 3", "a.jsonl:3"); `shard` is the shard the line must be of (null: none, as a file of one
 * process; 'any': any shard, as the files `verify merge` takes).
 */
export function recordProblem(line: string, opts: CampaignOptions, seen: ReadonlyMap<number, string>, shard: CampaignShard | null | 'any'): RunRecord | string {
  let x: unknown;
  try { x = JSON.parse(line); } catch { return 'this line is not JSON (only a cut last line, an interrupted write, is repaired)'; }
  if (!isObject(x)) return 'this line is not a run of a verify campaign: expected a JSON object';
  const wrong = recordFields.filter(([k, , ok]) => !ok(x[k])).map(([k, what]) => (k in x ? `'${k}' is ${JSON.stringify(x[k])?.slice(0, 40)}, expected ${what}` : `'${k}' is missing (expected ${what})`));
  if (wrong.length) return `this line is not a run of a verify campaign: ${wrong.join('; ')}`;
  const r = x as unknown as CampaignLine;
  if (r.campaignSeed !== opts.seed || JSON.stringify(r.classes) !== JSON.stringify(opts.classes) || JSON.stringify(r.Lrange) !== JSON.stringify(opts.L)) {
    return `this file holds runs of another campaign (seed ${r.campaignSeed}, classes ${r.classes.join(',')}, L ${r.Lrange.join('..')}); resume with the same --seed, --class and --L, or write to another --out`;
  }
  const lineEngine = r.campaignEngine ?? 'decimal';
  if (lineEngine !== engineOf(opts)) {
    return `this line is a run of the campaign on the ${lineEngine} engine, not on ${engineOf(opts)}; resume with --engine ${lineEngine}, or write to another --out`;
  }
  if (shard !== 'any') {
    const tag = r.shard ? `${r.shard.index}/${r.shard.count}` : null;
    const want = shard ? `${shard.index}/${shard.count}` : null;
    if (tag !== want) {
      return tag === null ? `this line is a run of the whole campaign, not of shard ${want}; resume it without --shard`
        : want === null ? `this line is a run of shard ${tag}; resume it with --shard ${tag}, or merge the shard files (verify merge FILES... --out F)`
          : `this line is a run of shard ${tag}, not of shard ${want}; resume it with --shard ${tag}`;
    }
  }
  if (r.shard && !inShard(r.run, r.shard)) return `run ${r.run} is not a run of shard ${r.shard.index}/${r.shard.count} (that shard holds the runs r with r mod ${r.shard.count} = ${r.shard.index - 1})`;
  const first = seen.get(r.run);
  if (first !== undefined) return `run ${r.run} is already on ${first}; each run appears once`;
  const seed = runSeed(opts.seed, r.run);
  if (r.seed !== seed) return `run ${r.run} has run seed ${r.seed}, but this campaign's run ${r.run} has run seed ${seed} (runSeed(${opts.seed}, ${r.run}))`;
  const cls = opts.classes[r.run % opts.classes.length];
  if (r.cls !== cls) return `run ${r.run} has class ${r.cls}, but this campaign's run ${r.run} has class ${cls}`;
  // The sample is drawn again from its run seed (cheap; the checks are not redone): L and, for a
  // run without violation (whose model is not shrunk), the model file must be the ones drawn.
  const [sample] = fc.sample(arbitraryOf(cls, opts.L), { seed, numRuns: 1 });
  if (r.L !== sample.L) return `run ${r.run} has L = ${r.L}, but its run seed draws L = ${sample.L}`;
  if (r.violation === null && r.model !== modelFileText(sample)) return `run ${r.run}'s model is not the model its run seed draws (the line was edited)`;
  const { classes: _classes, Lrange: _Lrange, campaignEngine: _engine, shard: _shard, ...rec } = r;
  return rec;
}

/** The summary of a campaign's records (by run id: in any order, the same summary). */
export function summarise(opts: CampaignOptions, records: readonly RunRecord[], resumed: number, seconds: number): CampaignSummary {
  const byClass: Record<string, number> = {};
  const checks: Record<string, { ok: number; skipped: number; violated: number }> = {};
  const tightest: Partial<Record<BoundName, RunRecord>> = {};
  // By run id: a resumed campaign sums up as the same campaign run without interruption.
  const byRun = [...records].sort((x, y) => x.run - y.run);
  for (const r of byRun) {
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
    violations: byRun.filter((r) => r.violation !== null), tightest, checks, seconds,
  };
}
