/**
 * One benchmark case in a fresh process, so its peak memory is its own: runs `current` and prints
 * {seconds, maxRssMiB, J, method} as JSON.
 */
import { computeCurrent, type MethodChoice } from '../src/engine/index.js';
import { loadModelFile, parseStateText } from '../src/lang/index.js';

const [path, Ltext, method, state] = process.argv.slice(2);
const spec = loadModelFile(path);
const t0 = performance.now();
const r = computeCurrent(spec, Number(Ltext), { method: method as MethodChoice, state: state ? parseStateText(state) : null });
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, J: r.J, method: r.method }) + '\n');
