#!/usr/bin/env node
/**
 * The `heatbound` executable (the `bin`, dist/src/cli/main.js): the program of program.ts. As tsc
 * builds it, it loads the program's modules one by one; `npm run build` then replaces this build
 * with the bundled program (scripts/bundle-cli.mjs: the same modules in a few files, which start
 * in about half the time), so the command runs the same code either way.
 */
import './program.js';
