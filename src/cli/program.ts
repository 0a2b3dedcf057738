/**
 * The `heatbound` program: the CLI (run.ts) on this process's arguments and streams. src/cli/main.ts
 * (the `bin`) starts it; `npm run build` bundles it from here (scripts/bundle-cli.mjs).
 */
import { processIO } from './io.js';
import { run } from './run.js';

// A reader that closes the pipe early (`heatbound scaling m.yaml | head -5`) has all it wants: stop
// quietly, as head's other writers do, instead of an unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await run(process.argv.slice(2), processIO);
