/**
 * The command-line interface, callable in-process with injected IO.
 */
export { run } from './run.js';
export { type CliIO, processIO, exitCodes } from './io.js';
