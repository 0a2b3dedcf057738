/**
 * `heatbound check 'CLAIM' [--class C] [--models DIR] [--runs N] [--seed S] [--L A..B] [--json]`:
 * a claimed inequality judged on the built-in and given families (exactly for every L where their
 * derived closed forms decide it, sampled otherwise), then by random search. `--class` restricts
 * the random search and the built-in families: a built-in family is judged only when its derived
 * forms show it belongs to a requested class (band, extensive), or for `--class all`; the built-in
 * models of sites (`sites:`, no closed forms in L) are listed as not judged.
 * Exit 1 refuted (confirmed by the engine), 0 no counterexample found, 2 malformed claim or input,
 * or nothing to judge the claim on (no family judged and `--runs 0`; a `J[name]` no judged model names).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { didYouMean, InputError, loadModelFile } from '../../lang/index.js';
import {
  campaignClasses, checkClaimChannels, checkClaimNames, checkClaimParams, familyClasses, familyScaling, judgeFamily, parseClaim, searchClaim, type Counterexample, type FamilyClasses, type FamilyJudgement, type CampaignClass,
} from '../../../properties/index.js';
import { type CheckExcludedJson, type CheckFamilyJson, type CheckJson, type CheckSearchJson, writeJson } from '../contracts.js';
import type { CliIO } from '../io.js';
import { exitCodes } from '../io.js';
import { commandOptions, usageError, type FlagsOf } from '../options.js';
import { builtinModels, modelsDir } from '../paths.js';

const options = commandOptions.check;

/** The raw flags of `check`, as its options in the table declare them. */
export type CheckFlags = FlagsOf<typeof commandOptions.check>;

/** The same class list as `verify --class`. */
const searchClasses: readonly CampaignClass[] = campaignClasses;

function parseSearchClasses(text: string): CampaignClass[] {
  if (text === 'all') return [...searchClasses];
  const list = text.split(',').map((s) => s.trim());
  for (const c of list) if (!(searchClasses as readonly string[]).includes(c)) throw usageError('--class', text, `expected all or one or more of ${searchClasses.join(', ')}, got '${c}'${didYouMean(c, searchClasses)}`);
  return list as CampaignClass[];
}

/** Runs `check`. */
export async function checkCommand(claimText: string, flags: CheckFlags, io: CliIO): Promise<number> {
  const claim = parseClaim(claimText);
  const classes = parseSearchClasses(flags.class);
  const runs = options.runs.parse(flags.runs);
  const seed = options.seed.parse(flags.seed);
  const L = options.L.parse(flags.L);
  const files: { path: string; shown: string; builtin: boolean }[] = [];
  if (flags.families) for (const name of builtinModels()) files.push({ path: join(modelsDir(), `${name}.yaml`), shown: `models/${name}.yaml`, builtin: true });
  if (flags.models) {
    const dir = resolve(io.cwd, flags.models);
    let entries: string[];
    try {
      entries = statSync(dir).isDirectory() ? readdirSync(dir).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort() : [];
    } catch {
      throw new InputError({ code: 'file-not-found', file: flags.models, key: '--models', line: 0, column: 0, token: flags.models, message: `no directory '${flags.models}'; expected a directory of .yaml/.json model files` });
    }
    if (entries.length === 0) throw usageError('--models', flags.models, `'${flags.models}' holds no .yaml/.json model files`);
    for (const f of entries) files.push({ path: join(dir, f), shown: join(flags.models, f), builtin: false });
  }
  const loaded = files.map((f) => ({ file: f, model: loadModelFile(f.path), text: readFileSync(f.path, 'utf8') }));
  // The built-in models of sites (v2: spin-1 chain, Tavis-Cummings) have no closed forms in L and
  // take seconds per L beyond a few sites: they are not among the built-in families judged (said so).
  const v2Builtins = loaded.filter((m) => m.file.builtin && m.model.sites !== undefined);
  const models = loaded.filter((m) => !v2Builtins.includes(m));
  // In claims, J, L and the other quantities mean themselves: no param may take their names.
  checkClaimNames(claim, models.map((m) => ({ model: m.model, shown: m.file.shown, text: m.text })));
  checkClaimParams(claim, models.map((m) => ({ name: m.model.name, params: m.model.params.map((p) => p.name) })), runs > 0);
  // J[name] must name a channel of every given family and random class; the built-in families,
  // whose channels have no names, are then not judged (they are listed as such).
  const channelsOf = (m: (typeof models)[number]) => m.model.channels.flatMap((c) => (c.name ? [c.name] : []));
  const lacksChannel = (m: (typeof models)[number]) => (claim.channels ?? []).filter((c) => !channelsOf(m).includes(c.name)).map((c) => c.name);
  const named = (m: (typeof models)[number]) => ({ name: `${m.model.name} (${m.file.shown})`, channels: channelsOf(m) });
  checkClaimChannels(claim, models.filter((m) => !m.file.builtin).map(named), runs > 0, classes, models.filter((m) => m.file.builtin).map(named));
  const unnamed = models.filter((m) => lacksChannel(m).length > 0).length;
  const over = unnamed ? `${models.length - unnamed} families (${unnamed} built-in that name no channel of the claim not judged)` : `${models.length} families`;
  io.err(`check: ${claim.exists ? `exists ${claim.exists}: ` : ''}claim over ${over} and ${runs} random models (classes ${classes.join(', ')}, L ${L[0]}..${L[1]}, seed ${seed}; rerun with --seed ${seed})\n`);
  const families: CheckFamilyJson[] = [];
  const excluded: CheckExcludedJson[] = v2Builtins.map(({ model, file }) => ({
    family: model.name, file: file.shown, classes: [],
    reason: 'a model of sites (sites:), with no closed forms in L: not among the built-in families check judges (put a copy in a --models directory to sample it)',
  }));
  const everyClass = flags.class === 'all' || searchClasses.every((c) => classes.includes(c));
  for (const m of models) {
    const { file: f, model, text } = m;
    const lacking = lacksChannel(m);
    if (lacking.length) {
      excluded.push({ family: model.name, file: f.shown, classes: [], reason: `names no channel ${lacking.map((n) => `'${n}'`).join(', ')} (the claim uses ${lacking.map((n) => `J[${n}]`).join(', ')})` });
      continue;
    }
    const scaling = await familyScaling(model);
    const shown: FamilyClasses = familyClasses(scaling?.forms, model);
    // --class restricts the built-in families to those whose derived forms show a requested class.
    if (f.builtin && !everyClass && !shown.classes.some((c) => (classes as readonly string[]).includes(c))) {
      const asked = classes.map((c) => (c === 'band' || c === 'extensive' ? `${c} (${shown.why[c]})` : `${c} (not shown by closed forms)`));
      excluded.push({ family: model.name, file: f.shown, classes: shown.classes, reason: `not shown to be in ${asked.join(', ')}` });
      continue;
    }
    families.push({ ...(await judgeFamily(claim, model, f.shown, text, { scaling })), classes: shown.classes });
  }
  // A claim judged on nothing has no verdict (every family skipped or excluded, no random search).
  if (families.length === 0 && runs === 0) {
    const why = excluded.length ? `every family is excluded (${excluded.map((e) => `${e.family}: ${e.reason}`).join('; ')})` : 'no family is given (--no-families and no --models)';
    throw usageError('--runs', flags.runs, `nothing to judge the claim on: ${why} and --runs 0 asks for no random model; expected --runs N > 0, --models DIR or the built-in families`);
  }
  const search = runs > 0 ? searchClaim(claim, { classes, L, runs, seed }) : null;
  const refuted = families.some((f) => f.verdict === 'refuted') || Boolean(search?.counterexample);
  if (flags.json) {
    writeJson(io, checkJson(claim, families, excluded, search));
  } else {
    io.out(text(claim.text, claim.exists, families, excluded, search, refuted));
  }
  return refuted ? exitCodes.refuted : exitCodes.ok;
}

/**
 * The JSON of `check` (the contract {@link CheckJson}): refuted when a family or the random search
 * found a counterexample, which are listed families first.
 */
export function checkJson(claim: ReturnType<typeof parseClaim>, families: readonly CheckFamilyJson[], excluded: readonly CheckExcludedJson[], search: CheckSearchJson | null): CheckJson {
  const refutedBy = families.filter((f) => f.verdict === 'refuted');
  const found = [...refutedBy.flatMap((f) => (f.counterexample ? [f.counterexample] : [])), ...(search?.counterexample ? [search.counterexample] : [])];
  return {
    claim: claim.text, exists: claim.exists, verdict: refutedBy.length > 0 || search?.counterexample ? 'refuted' : 'no-counterexample',
    families, excluded, undecided: families.filter((f) => f.verdict === 'undecided').map((f) => f.family), search, counterexamples: found,
  };
}

function cexText(c: Counterexample): string {
  const out = [`  counterexample (${c.how}): ${c.model}, L = ${c.L}, state ${c.state}`];
  out.push(`    ${Object.entries(c.numbers).map(([k, v]) => `${k} = ${v}`).join(', ')}`);
  if (c.source === 'random' && c.modelText) out.push(c.modelText.split('\n').map((l) => `    ${l}`).join('\n'));
  return out.join('\n');
}

function text(claim: string, exists: string | null, families: FamilyJudgement[], excluded: { family: string; file: string; reason: string }[], search: ReturnType<typeof searchClaim> | null, refuted: boolean): string {
  const out: string[] = [`claim: ${claim}`, ''];
  for (const f of families) {
    out.push(`${f.verdict === 'refuted' ? 'REFUTED by' : f.verdict === 'undecided' ? 'UNDECIDED on' : 'consistent with'} ${f.family} (${f.file}): ${f.how}`);
    out.push(`  decided: ${f.decided}${f.notExact ? ` (not from closed forms: ${f.notExact})` : ''}`);
    if (f.counterexample) out.push(cexText(f.counterexample));
  }
  for (const e of excluded) out.push(`not judged: ${e.family} (${e.file}): ${e.reason}`);
  if (search) {
    out.push('');
    if (search.counterexample) {
      out.push(`REFUTED by random search (${search.classes.join(', ')}, L ${search.L[0]}..${search.L[1]}, seed ${search.seed}), minimal model:`);
      out.push(cexText(search.counterexample));
    } else {
      const lc = Object.entries(search.largestConstant);
      const twoBathL = search.classes.includes('two-bath') && search.L[1] > 3 ? '; two-bath at L <= 3' : '';
      out.push(`random search: no counterexample in ${search.runs} models (${search.classes.join(', ')}, L ${search.L[0]}..${search.L[1]}${twoBathL}, seed ${search.seed})`);
      const none = Object.entries(search.noConstant ?? {});
      const c = exists ?? 'c';
      if (lc.length) out.push(`  ${search.lowerBound ? 'smallest largest' : 'largest smallest'}-working constant by L: ${lc.map(([L, k]) => `L=${L}: ${k.toPrecision(4)}`).join(', ')} (a random search cannot refute an 'exists' claim; families with closed forms can)`);
      if (none.length) out.push(`  no ${c} in [1e-12, 1e12] works at ${none.map(([L, n]) => `L=${L} (${n} model${n === 1 ? '' : 's'})`).join(', ')}: no finite witness there (the claim needs a constant beyond that range, or fails for every ${c} > 0); not a refutation by random search`);
    }
  }
  out.push('');
  const undecided = families.filter((f) => f.verdict === 'undecided').map((f) => f.family);
  out.push(refuted ? 'verdict: REFUTED'
    : undecided.length ? `verdict: no counterexample confirmed by the engine (undecided on ${undecided.join(', ')}: see above)`
      : 'verdict: no counterexample found (searched the families and random models above)');
  return out.join('\n') + '\n';
}
