/**
 * The CLI commands wired in cli/run.ts. `plot` and `export` are loaded on demand there
 * (`await import('./commands/plot.js')`, `./commands/export.js`), so they are not re-exported here.
 */
export { currentCommand } from './current.js';
export { demoCommand } from './demo.js';
export { scalingCommand } from './scaling.js';
export { verifyCommand } from './verify.js';
export { checkCommand } from './check.js';
export { proveCommand } from './prove.js';
