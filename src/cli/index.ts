/**
 * The command-line interface, callable in-process with injected IO.
 */
export { run } from './run.js';
export { type CliIO } from './io.js';
