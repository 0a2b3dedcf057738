/**
 * The JSON contracts of the commands: one TypeScript type per command, exactly the keys the command
 * prints (`current`'s is `CurrentJson` in report.ts, the others' are here), the one writer that
 * prints them ({@link writeJson}), and beside each type a description of the same JSON
 * ({@link jsonContracts}) that `validateJson` checks a parsed output against, key by key, in
 * test/cli/json-contracts.test.ts.
 * `ShapeOf<T>` makes the compiler hold each description to its type (every key, optional keys,
 * every verdict word). Nested data defined by a lower layer (a scaling expression, a proof's
 * certificate, a campaign run, a step of a proof script) keeps that layer's type here, and its
 * description below names every key of it.
 *
 * Contracts are extended, never renamed: users' scripts read these keys.
 */
import type {
  AssumptionData, AtomData, BoundName, HypothesisCheck, HypothesisChecks, ScalingExpression, TermName,
} from '../engine/index.js';
import type { CampaignClass, CampaignSummary, Counterexample, FamilyJudgement, searchClaim } from '../../properties/index.js';
import type { CoqReport, Instantiation, TheoremReport } from '../../proofs/index.js';
import type { ProofEntry, proof } from '../symbolic/index.js';
import type { CliIO } from './io.js';
import type { FailureJson } from './failure.js';
import type { ChannelJson, CurrentEntryJson, CurrentFailureJson, CurrentJson, CutoffChangeJson, OmegaBoundsJson, OmegaStatisticsJson, TailJson, TruncationJson, UpperJson } from './report.js';
import {
  arr, bool, nullable, num, oneOf, opt, rec, str, words, type JsonShape, type ShapeOf,
} from './json-shape.js';

// --- scaling ---------------------------------------------------------------------------------

/** One proof of |J| <= B in `scaling --json` (symbolic/claims.ts): per piece of L and parity, a re-checked certificate. */
export type ScalingProofJson = ProofEntry;

/**
 * The JSON object of `scaling MODEL --json`: every quantity's expression in L (engine/scaling.ts
 * `ScalingExpression`: `expr`, `tex`, `how`, `status`, `exponent`, `leading`, and `pieces`,
 * `validFrom`, `exponentRelation`, `exponentError` where they apply, and on a numeric quantity
 * `unconfirmed`: a rational fit that misses the engine's error bound, `leadingEstimate`: its leading
 * coefficient as a number with an error bound), the limits of J/B1 and J/B2,
 * the proofs, and the derivation's assumptions and atoms (always present, empty when it made none).
 * The exact forms behind the text are not part of it.
 */
export interface ScalingJson {
  readonly model: string;
  readonly J: ScalingExpression;
  readonly terms: Readonly<Record<TermName, ScalingExpression>>;
  readonly bounds: Readonly<Record<BoundName, ScalingExpression>>;
  /** lim_{L -> inf} J/B1 and J/B2, as text. */
  readonly ratios: { readonly B1: string; readonly B2: string };
  readonly proofs: readonly ScalingProofJson[];
  readonly notes: readonly string[];
  readonly assumptions: readonly AssumptionData[];
  readonly atoms: Readonly<Record<string, AtomData>>;
  /** Values of the params and atoms the forms were derived at. */
  readonly env?: Readonly<Record<string, number>>;
  /** The first L the model is defined at, when it is not 1. */
  readonly definedFrom?: number;
  /** Each named channel's current J_c(L) by name (issue 15; only when the model names a channel). */
  readonly currents?: Readonly<Record<string, ScalingExpression>>;
}

// --- verify ----------------------------------------------------------------------------------

/** One run of a campaign (properties/campaign.ts `RunRecord`): also one line of `--out FILE`. */
export type VerifyRunJson = CampaignSummary['violations'][number];

/** The JSON object of `verify --json`: the campaign's summary and the files the tightest models went to. */
export interface VerifyJson {
  readonly seed: number;
  readonly classes: readonly CampaignClass[];
  readonly L: readonly [number, number];
  readonly runs: number;
  readonly resumed: number;
  /** Runs per class. */
  readonly byClass: Readonly<Record<string, number>>;
  readonly violations: readonly VerifyRunJson[];
  /** The run with the largest |J|/B, per bound. */
  readonly tightest: CampaignSummary['tightest'];
  /** ok / skipped / violated counts per check. */
  readonly checks: CampaignSummary['checks'];
  readonly seconds: number;
  /** Where each tightest model was written (`--out FILE`: FILE.tightest-B.yaml; else empty). */
  readonly tightestFiles: Readonly<Record<string, string>>;
  /** With `--engine E`: the engine the checks ran on and what that means for the verdicts. */
  readonly engine?: VerifyEngineJson;
  /** With `--shard I/N`: the shard computed (the runs r with r mod N = I - 1). */
  readonly shard?: { readonly index: number; readonly count: number };
}

/** The engine of a `verify` campaign (`--engine`). */
export interface VerifyEngineJson {
  readonly name: 'float64' | 'decimal';
  /** decimal.js digits of the checks (null on the float64 engine). */
  readonly digits: number | null;
  /** What the engine means for the verdicts (every verdict carries its error bound). */
  readonly meaning: string;
}

// --- check -----------------------------------------------------------------------------------

/** A family judged by `check` (properties/claims.ts `FamilyJudgement`) with the classes its forms show. */
export interface CheckFamilyJson extends FamilyJudgement {
  readonly classes: readonly string[];
}

/** A built-in family `--class` left out, and why. */
export interface CheckExcludedJson {
  readonly family: string;
  readonly file: string;
  readonly classes: readonly string[];
  readonly reason: string;
}

/** The random search of `check` (properties/claims.ts `SearchResult`). */
export type CheckSearchJson = ReturnType<typeof searchClaim>;

/** The JSON object of `check 'CLAIM' --json`. */
export interface CheckJson {
  readonly claim: string;
  /** The constant of an `exists c:` claim, else null. */
  readonly exists: string | null;
  readonly verdict: 'refuted' | 'no-counterexample';
  readonly families: readonly CheckFamilyJson[];
  readonly excluded: readonly CheckExcludedJson[];
  /** The families the engine could not decide. */
  readonly undecided: readonly string[];
  /** null with --runs 0. */
  readonly search: CheckSearchJson | null;
  /** The families' counterexamples, then the random search's. */
  readonly counterexamples: readonly Counterexample[];
}

// --- prove -----------------------------------------------------------------------------------

/** A theorem of the Coq manifest (proofs/coq/theorems.json), and whether its file declares it. */
export type CoqTheoremJson = CoqReport['theorems'][number];

/** `coqCheck` of `prove --json`: the manifest, the .v files, forbidden words found, and coqc's check. */
export interface CoqCheckJson {
  readonly manifest: string;
  readonly manifestFound: boolean;
  readonly manifestError?: string;
  readonly files: readonly string[];
  readonly forbidden: readonly string[];
  readonly check: CoqReport['check'];
  readonly checkDetail: string;
  /** coqc's output, after --coq-check. */
  readonly checkOutput?: string;
}

/** One proof script's report in `prove --json` (proofs/check.ts `TheoremReport`), with its Coq theorems. */
export interface ProveScriptJson {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly hypotheses: readonly string[];
  readonly conclusion: string;
  readonly steps: TheoremReport['steps'];
  /** No step failed or errored (not a proof: see `basis`). */
  readonly ok: boolean;
  readonly basis: TheoremReport['basis'];
  readonly basisDetail: string;
  /** The Coq theorem that proves the chain. */
  readonly coq?: string;
  /** The Coq lemmas its steps correspond to. */
  readonly coqUses?: readonly string[];
  /** The manifest's entries for `coq` and `coqUses`. */
  readonly coqTheorems: readonly CoqTheoremJson[];
  readonly coqCheck: CoqCheckJson;
}

/** The JSON of `prove --json` (no model): an array, one report per proof script. */
export type ProveJson = readonly ProveScriptJson[];

/** The JSON object of `prove MODEL --L N --json` (proofs/instantiate.ts `Instantiation`), with the Coq check. */
export interface ProveModelJson {
  readonly model: string;
  readonly L: number;
  readonly digits: number;
  readonly constants: Instantiation['constants'];
  readonly J: string;
  /** The error bound the steps' two sides are compared with. */
  readonly tolerance: string;
  readonly coqHypotheses: HypothesisChecks;
  readonly theorems: Instantiation['theorems'];
  readonly coqCheck: { readonly check: CoqReport['check']; readonly checkDetail: string; readonly theorems: readonly string[] };
}

/**
 * The JSON of each command, by name (`current` prints one object for one L, an array of
 * {@link CurrentEntryJson} for several: a {@link CurrentJson} per L, a {@link CurrentFailureJson}
 * per L that failed).
 */
export interface CommandJson {
  readonly current: CurrentJson;
  readonly scaling: ScalingJson;
  readonly verify: VerifyJson;
  readonly check: CheckJson;
  readonly prove: ProveJson;
  readonly proveModel: ProveModelJson;
}

/** What a command prints with `--json`. */
export type JsonOutput = CommandJson[keyof CommandJson] | readonly CurrentEntryJson[];

/**
 * The one JSON writer of the CLI: a command's contract object, indented by two spaces, with a final
 * newline.
 *
 * @example writeJson(io, scalingJson(await computeScaling(spec)))
 */
export function writeJson(io: CliIO, json: JsonOutput): void {
  io.out(JSON.stringify(json, null, 2) + '\n');
}

// --- the descriptions ------------------------------------------------------------------------

type PerBound<T> = { readonly is: 'object'; readonly fields: { readonly Bstate: T; readonly B1: T; readonly B1coarse: T; readonly B2: T; readonly B2tail: T } };
const perBound = <T extends JsonShape>(s: T): PerBound<T> => ({ is: 'object', fields: { Bstate: s, B1: s, B1coarse: s, B2: s, B2tail: s } });
const channel: ShapeOf<ChannelJson> = {
  is: 'object', fields: { J: str, normA: str, deltaE: str, gammaMax: str, omegaGammaMax: str, Bstate: str, normHow: str },
};
const tail: ShapeOf<TailJson> = {
  is: 'object',
  fields: {
    B2tail: str, D: str, band: str, tail: str, error: str, dropped: str, gridPoints: num, coarse: bool, frequencies: words('bohr', 'omega'),
    profile: arr({ is: 'object', fields: { D: str, value: str } }),
  },
};
const omegaStatistics: ShapeOf<OmegaStatisticsJson> = { is: 'object', fields: { deltaE: str, gammaMax: str, omegaGammaMax: str } };
const omegaBounds: ShapeOf<OmegaBoundsJson> = { is: 'object', fields: { Bstate: str, B1: str, B1coarse: str, B2: str } };
const upper: ShapeOf<UpperJson> = {
  is: 'object',
  fields: {
    differs: arr(words('deltaE', 'gammaMax', 'omegaGammaMax')),
    channels: arr({ is: 'object', fields: { deltaE: str, gammaMax: str, omegaGammaMax: str, Bstate: str } }),
    terms: omegaStatistics, bounds: omegaBounds,
    error: { is: 'object', fields: { terms: omegaStatistics, bounds: omegaBounds } },
  },
};
const cutoffChange: ShapeOf<CutoffChangeJson> = { is: 'object', fields: { cutoff: str, doubled: str, change: str } };
const truncation: ShapeOf<TruncationJson> = {
  is: 'object',
  fields: {
    modes: arr({ is: 'object', fields: { species: str, cutoff: num, doubled: num } }),
    computed: bool, reason: opt(str), method: opt(str), dimension: opt(num),
    J: opt({ is: 'object', fields: { cutoff: str, doubled: str, change: str, error: str } }),
    terms: opt(rec(cutoffChange)), bounds: opt(rec(cutoffChange)), verdicts: opt(rec(str)),
  },
};
const current: ShapeOf<CurrentJson> = {
  is: 'object',
  fields: {
    model: str, L: num, method: str, engine: opt(words('decimal')), digits: opt(num), digitsUsed: opt(num), state: str, J: str,
    channels: arr(channel), terms: rec(str), bounds: perBound(str),
    holds: perBound(oneOf(bool, words('tie', 'unknown'))),
    verdicts: opt(perBound(words('holds', 'violated', 'tie', 'unknown'))), ratios: opt(perBound(str)), margins: opt(perBound(str)),
    error: { is: 'object', fields: { J: str, terms: opt(rec(str)), bounds: perBound(str), ratios: opt(perBound(str)), margins: opt(perBound(str)) } },
    tail, exact: bool, inexact: arr(str), notes: arr(str), dimension: num,
    currents: opt(rec({ is: 'object', fields: { J: str, error: str, channels: num } })),
    upper: opt(upper),
    truncation: opt(truncation),
  },
};

const inputCodes = words(
  'file-not-found', 'file-unreadable', 'syntax-yaml', 'syntax-json', 'not-a-mapping', 'missing-key', 'unknown-key', 'wrong-type',
  'unexpected-token', 'unexpected-end', 'unknown-name', 'unknown-function', 'wrong-arity', 'not-an-operator', 'not-a-scalar',
  'bad-index', 'bad-exponent', 'bad-param', 'bad-bath', 'bad-state', 'not-hermitian', 'negative-rate', 'index-out-of-range',
  'domain-error', 'steady-not-unique', 'bad-usage', 'shadowed-name', 'too-deep',
  'duplicate-name', 'bad-sites', 'wrong-species',
);
const failure: ShapeOf<FailureJson> = {
  is: 'object', fields: { kind: words('input', 'limitation', 'numerical'), code: opt(inputCodes), message: str },
};
/** An L of a range that failed, in the array of `current --L A,B,C --json`. */
export const currentFailureShape: ShapeOf<CurrentFailureJson> = { is: 'object', fields: { model: str, L: num, failure } };
/** One entry of the array of `current --L A,B,C --json`: an L's {@link CurrentJson} or its {@link CurrentFailureJson}. */
export const currentEntryShape: JsonShape = oneOf(current, currentFailureShape);

const parity = { is: 'object', fields: { even: str, odd: str } } as const;
const textOrParity = oneOf(str, parity);

const expression: ShapeOf<ScalingExpression> = {
  is: 'object',
  fields: {
    status: opt(words('derived', 'conjectured', 'numeric')),
    pieces: opt(arr({ is: 'object', fields: { from: num, to: nullable(num), expr: textOrParity, tex: textOrParity } })),
    exponentRelation: opt(words('about', 'at least', 'at most')),
    expr: textOrParity,
    tex: textOrParity,
    how: str,
    exponent: { is: 'nullable', of: oneOf(num, str) },
    leading: { is: 'nullable', of: textOrParity },
    exponentError: opt(num),
    validFrom: opt(num),
    leadingEstimate: opt({ is: 'object', fields: { value: num, error: num, exponent: num, Ls: arr(num) } }),
    unconfirmed: opt({ is: 'object', fields: { expr: textOrParity, how: str, Ls: arr(num), difference: num, error: num } }),
  },
};

type Cert = proof.Certificate;
type Of<U, K> = Extract<U, { readonly kind: K }>;
const assumptionWords = words('positive', 'nonnegative');
const shifted: ShapeOf<Of<Cert, 'shifted-coefficients'>> = {
  is: 'object', fields: { kind: words('shifted-coefficients'), variable: str, from: num, shift: num, coefficients: arr(str) },
};
const finiteCheck: ShapeOf<proof.FiniteCheck> = { is: 'object', fields: { L: num, value: str } };
const certificate: ShapeOf<Cert> = {
  is: 'tagged', tag: 'kind',
  cases: {
    zero: { is: 'object', fields: { kind: words('zero'), variable: str, from: num } },
    'shifted-coefficients': shifted,
    'finite-check-and-tail': { is: 'object', fields: { kind: words('finite-check-and-tail'), variable: str, from: num, checked: arr(finiteCheck), tail: shifted } },
    sturm: {
      is: 'object',
      fields: { kind: words('sturm'), variable: str, from: num, chain: arr(arr(str)), signsAtFrom: arr(num), signsAtInfinity: arr(num), rootCount: num, valueAtFrom: str },
    },
    'sturm-isolation': {
      is: 'object',
      fields: {
        kind: words('sturm-isolation'), variable: str, from: num, chain: arr(arr(str)),
        cuts: arr({ is: 'object', fields: { at: str, value: str, signs: arr(num) } }),
        segments: arr({ is: 'tagged', tag: 'kind', cases: { 'root-free': { is: 'object', fields: { kind: words('root-free') } }, checked: { is: 'object', fields: { kind: words('checked'), checked: arr(finiteCheck) } } } }),
        signsAtInfinity: arr(num), rootCount: num,
      },
    },
  },
};
const symbolicCertificate: ShapeOf<proof.SymbolicCertificate> = {
  is: 'tagged', tag: 'kind',
  cases: {
    'monomial-split': {
      is: 'object',
      fields: {
        kind: words('monomial-split'), variable: str, from: num, assumptions: rec(assumptionWords),
        parts: arr({ is: 'object', fields: { monomial: rec(num), coefficient: str, certificate } }),
      },
    },
    z3: {
      is: 'object',
      fields: {
        kind: words('z3'), variable: str, from: num, assumptions: rec(assumptionWords), domain: words('reals', 'integers'), smt2: str,
        result: words('unsat'), to: opt(num), constraints: opt(arr(str)),
      },
    },
    univariate: { is: 'object', fields: { kind: words('univariate'), certificate } },
  },
};
const proofWords = words('proved', 'refuted', 'unknown');
const proofPiece: ShapeOf<NonNullable<ProofEntry['certificate']>['pieces'][number]> = {
  is: 'object',
  fields: {
    branch: words('all', 'even', 'odd'), inequality: str, polynomial: str, variable: str, from: num, assumptions: rec(assumptionWords),
    verdict: proofWords,
    // `unknown` in symbolic/claims.ts: what it holds is the prover's symbolic certificate, or null (not proved).
    certificate: nullable(symbolicCertificate),
    checked: bool, detail: opt(str), counterexample: opt({ is: 'object', fields: { L: num, params: rec(str) } }),
  },
};
const scalingProof: ShapeOf<ScalingProofJson> = {
  is: 'object',
  fields: {
    claim: str, verdict: proofWords, certificate: nullable({ is: 'object', fields: { pieces: arr(proofPiece) } }),
    counterexample: opt(num), counterexampleParams: opt(rec(str)), reason: opt(str), assumptions: opt(arr(str)), to: opt(num),
  },
};
const scaling: ShapeOf<ScalingJson> = {
  is: 'object',
  fields: {
    model: str,
    J: expression,
    terms: { is: 'object', fields: { normH: expression, width: expression, sumA2: expression, gammaMax: expression, deltaE: expression } },
    bounds: { is: 'object', fields: { Bstate: expression, B1: expression, B1coarse: expression, B2: expression } },
    ratios: { is: 'object', fields: { B1: str, B2: str } },
    proofs: arr(scalingProof),
    notes: arr(str),
    assumptions: arr({
      is: 'object',
      fields: {
        expr: str, relation: words('>', '>=', '<', '<=', '=', '!='), why: str, L: opt({ is: 'object', fields: { from: num, to: nullable(num) } }), holdsAtParams: bool,
      },
    }),
    atoms: rec({ is: 'object', fields: { expr: str, value: num, range: opt(str) } }),
    env: opt(rec(num)),
    definedFrom: opt(num),
    currents: opt(rec(expression)),
  },
};

const campaignClass = words('local', 'extensive', 'global', 'band', 'collective', 'two-bath');
const runRecord: ShapeOf<VerifyRunJson> = {
  is: 'object',
  fields: {
    run: num, seed: num, campaignSeed: num, cls: campaignClass, L: num, engine: str, J: str,
    ratios: { is: 'object', fields: { Bstate: opt(nullable(str)), B1: opt(nullable(str)), B1coarse: opt(nullable(str)), B2: opt(nullable(str)) } },
    checks: {
      is: 'object',
      fields: {
        'bound-chain': opt(str), 'cubic-limit': opt(str), 'band-limit': opt(str), 'band-tail': opt(str), 'pinching-identity': opt(str),
        'pinched-state': opt(str), 'second-law': opt(str), 'engines-agree': opt(str),
      },
    },
    violation: nullable(str), model: str, ms: num,
  },
};
const verify: ShapeOf<VerifyJson> = {
  is: 'object',
  fields: {
    seed: num, classes: arr(campaignClass), L: arr(num), runs: num, resumed: num, byClass: rec(num), violations: arr(runRecord),
    tightest: { is: 'object', fields: { Bstate: opt(runRecord), B1: opt(runRecord), B1coarse: opt(runRecord), B2: opt(runRecord) } },
    checks: rec({ is: 'object', fields: { ok: num, skipped: num, violated: num } }),
    seconds: num, tightestFiles: rec(str),
    engine: opt({ is: 'object', fields: { name: words('float64', 'decimal'), digits: nullable(num), meaning: str } }),
    shard: opt({ is: 'object', fields: { index: num, count: num } }),
  },
};

const counterexample: ShapeOf<Counterexample> = {
  is: 'object', fields: { source: str, model: str, modelText: nullable(str), L: num, state: str, numbers: rec(str), how: str },
};
const family: ShapeOf<CheckFamilyJson> = {
  is: 'object',
  fields: {
    family: str, file: str, verdict: words('refuted', 'consistent', 'undecided'), how: str, Ls: arr(num), constants: opt(arr(num)), noConstantLs: opt(arr(num)),
    counterexample: opt(counterexample), decided: str, firstFailingL: nullable(num),
    confirmation: nullable({
      is: 'object',
      fields: {
        L: num, c: opt(str), engine: str, verdict: words('fails', 'holds', 'undecided', 'not computed'),
        J: opt({ is: 'object', fields: { value: str, error: str } }), lhs: opt(str), rhs: opt(str), margin: opt(str), error: opt(str),
        equality: opt(bool), reason: opt(str),
      },
    }),
    exact: opt({
      is: 'object',
      fields: {
        basis: words('derived', 'derived upper bound', 'guide'), range: { is: 'object', fields: { from: num, to: nullable(num) } },
        forms: rec(words('derived', 'conjectured', 'numeric', 'upper bound')), segments: num, assumptions: arr(str),
        exists: opt({
          is: 'object',
          fields: {
            kind: words('bounded', 'unbounded', 'vanishing', 'none-at-L'), limit: nullable(str), witness: opt({ is: 'object', fields: { c: str, L: num } }),
            constants: arr({ is: 'object', fields: { L: num, c: num } }), upperClaim: bool,
          },
        }),
        engineLs: opt(arr(num)),
      },
    }),
    notExact: opt(str),
    classes: arr(str),
  },
};
const check: ShapeOf<CheckJson> = {
  is: 'object',
  fields: {
    claim: str, exists: nullable(str), verdict: words('refuted', 'no-counterexample'), families: arr(family),
    excluded: arr({ is: 'object', fields: { family: str, file: str, classes: arr(str), reason: str } }),
    undecided: arr(str),
    search: nullable({
      is: 'object',
      fields: {
        runs: num, seed: num, classes: arr(words('local', 'extensive', 'global', 'band', 'collective', 'two-bath')), L: arr(num),
        counterexample: nullable(counterexample), largestConstant: rec(num), noConstant: opt(rec(num)), lowerBound: opt(bool),
      },
    }),
    counterexamples: arr(counterexample),
  },
};

const basisWords = words('identity-checked', 'tested', 'failed', 'error');
const coqCheckWords = words('not on this run', 'checked on this run', 'failed on this run', 'coqc not available');
const step: ShapeOf<TheoremReport['steps'][number]> = {
  is: 'object',
  fields: {
    id: str, statement: str, rule: str, uses: arr(str), check: words('instances', 'algebraic', 'operator', 'scaling'), ok: bool,
    basis: basisWords, basisDetail: str,
    instances: opt({ is: 'object', fields: { runs: num, drawn: num, seed: num, worstMargin: str, tolerance: str } }),
    symbolic: opt({ is: 'object', fields: { lhs: str, rhs: str, residue: str, method: str } }),
    operator: opt({ is: 'object', fields: { identity: words('commutator', 'bohr-pinching'), cases: arr(str), entries: num, failures: arr(str) } }),
    scaling: opt({ is: 'object', fields: { expr: str, exponent: str, reachedBy: str, familyExponent: str, familyStatus: str, familyJ: str } }),
    counterexample: opt({ is: 'object', fields: { model: str, L: num, lhs: str, rhs: str, constants: rec(str) } }),
    message: opt(str),
  },
};
const coqTheorem: ShapeOf<CoqTheoremJson> = { is: 'object', fields: { name: str, file: str, statement: str, hypotheses: arr(str), declared: bool } };
const proveScript: ShapeOf<ProveScriptJson> = {
  is: 'object',
  fields: {
    id: str, title: str, source: str, hypotheses: arr(str), conclusion: str, steps: arr(step), ok: bool, basis: basisWords, basisDetail: str,
    coq: opt(str), coqUses: opt(arr(str)), coqTheorems: arr(coqTheorem),
    coqCheck: {
      is: 'object',
      fields: {
        manifest: str, manifestFound: bool, manifestError: opt(str), files: arr(str), forbidden: arr(str), check: coqCheckWords, checkDetail: str,
        checkOutput: opt(str),
      },
    },
  },
};
const sourceWords = words('given', 'tightest at this L');
const hypothesisCheck: ShapeOf<HypothesisCheck> = {
  is: 'object',
  fields: {
    id: str, coq: str, statement: str, kind: words('residual', 'margin'), quantity: str, value: str, roundoff: str, errorBound: str,
    verdict: words('holds', 'fails', 'unknown'), how: str, space: str,
  },
};
const instantiatedTheorem: ShapeOf<Instantiation['theorems'][number]> = {
  is: 'object',
  fields: {
    id: str, title: str,
    hypotheses: arr({
      is: 'object',
      fields: {
        id: str, statement: str, lhs: str, rhs: str, holds: bool, verdict: words('holds', 'fails', 'unknown'),
        basis: words('at this L', 'derived form', 'not derived'), detail: str,
        growth: opt({
          is: 'object',
          fields: {
            quantity: words('deltaE', 'gammaMax'), status: str, expr: str, how: str, exponent: str, exponentError: opt(num), exponentRelation: opt(str),
            maxExponent: num, values: opt(arr({ is: 'object', fields: { L: num, value: str } })), error: opt(str),
          },
        }),
      },
    }),
    applies: bool, applicability: words('applies', 'does not apply', 'unknown'),
    steps: arr({
      is: 'object',
      fields: {
        id: str, statement: str, rule: str, relation: words('<=', '='), lhs: str, rhs: str, holds: bool, equality: bool, loses: str, why: opt(str),
      },
    }),
    bound: { is: 'object', fields: { name: str, value: str } }, ratio: str, ok: bool, allEquality: bool, coq: opt(str),
  },
};
const proveModel: ShapeOf<ProveModelJson> = {
  is: 'object',
  fields: {
    model: str, L: num, digits: num,
    constants: { is: 'object', fields: { h: str, a: str, DeltaE: str, source: { is: 'object', fields: { h: sourceWords, a: sourceWords, DeltaE: sourceWords } } } },
    J: str, tolerance: str,
    coqHypotheses: { is: 'object', fields: { model: str, L: num, digits: num, method: str, checks: arr(hypothesisCheck), allHold: bool } },
    theorems: arr(instantiatedTheorem),
    coqCheck: { is: 'object', fields: { check: coqCheckWords, checkDetail: str, theorems: arr(str) } },
  },
};

/**
 * The description of each command's JSON, held by the compiler to the types above; check a parsed
 * output with `validateJson(JSON.parse(text), jsonContracts.scaling)`.
 */
export const jsonContracts: { readonly [K in keyof CommandJson]: ShapeOf<CommandJson[K]> } = {
  current, scaling, verify, check, prove: arr(proveScript), proveModel,
};

/** Every description as a plain {@link JsonShape} (for `validateJson`). */
export const contractShapes: Readonly<Record<keyof CommandJson, JsonShape>> = jsonContracts;
