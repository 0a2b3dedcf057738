/**
 * The CLI commands wired in cli/run.ts. Only `current` is loaded with the CLI; the others (`scaling`,
 * `verify`, `prove`, `check`, `demo`, `plot`, `export`) are loaded on demand there
 * (`await import('./commands/scaling.js')` and so on), so they are not re-exported here.
 */
export { currentCommand } from './current.js';
