// The child process of the CLI fuzz test (cli-fuzz.test.ts): runs fuzz cases in-process through the
// built CLI's run(args, io), one after another from a given index, and reports each over IPC
// ('start' before, 'done' after), so the parent can kill it on a hang and go on with the next case.
// argv: CASES_JSON START [STEP]  (cases START, START+STEP, ...)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [casesFile, startText, stepText = '1'] = process.argv.slice(2);
const { cases, dist, dirs } = JSON.parse(readFileSync(casesFile, 'utf8'));
const { run } = await import(pathToFileURL(join(dist, 'src', 'cli', 'run.js')).href);
const cut = (s, n) => (s.length > n ? `${s.slice(0, n)}…[${s.length - n} more]` : s);
delete process.env.HEATBOUND_DEBUG;
for (let i = Number(startText); i < cases.length; i += Number(stepText)) {
  const c = cases[i];
  process.send({ i, phase: 'start' });
  const saved = {};
  for (const [k, v] of Object.entries(c.env)) { saved[k] = process.env[k]; process.env[k] = v; }
  let out = '', err = '', code;
  const io = { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: dirs[i], isTTY: false, stdin: () => null };
  const t0 = performance.now();
  try {
    code = await run(c.args, io);
  } catch (e) {
    code = 'threw';
    err += `\n[run threw] ${e?.stack ?? e}`;
  }
  for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  await new Promise((resolve) => process.send({ i, phase: 'done', code, out: cut(out, 2000), err: cut(err, 8000), ms: performance.now() - t0 }, resolve));
}
process.exit(0);
