/**
 * One benchmark case in a fresh process, so its peak memory is its own: runs `current` and prints
 * {seconds, maxRssMiB, J, method} as JSON.
 */
import { computeCurrent, computePrecise, type MethodChoice } from '../src/engine/index.js';
import { loadModelFile, parseStateText } from '../src/lang/index.js';

const [path, Ltext, method, state, digits] = process.argv.slice(2);
const spec = loadModelFile(path);
const stateExpr = state ? parseStateText(state) : null;
const t0 = performance.now();
const r = method === 'precise'
  ? (({ J, method: m }) => ({ J: J.value.toString(), method: m }))(computePrecise(spec, Number(Ltext), { digits: Number(digits), maxDigits: Number(digits), state: stateExpr }))
  : computeCurrent(spec, Number(Ltext), { method: method as MethodChoice, state: stateExpr });
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, J: r.J, method: r.method }) + '\n');
