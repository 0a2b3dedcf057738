/**
 * README.md's section on the public property-testing kit (`heatbound/properties`), shared by the
 * architecture test (every export documented there) and the test that runs its examples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.js';

/** The heading of README.md's section on `properties/`. */
export const propertiesHeading = '### Property-based testing of your own code: `properties/`';

/** The text of README.md's properties section, from its heading up to the next heading of its level. */
export function propertiesSection(readme: string = readFileSync(join(root, 'README.md'), 'utf8')): string {
  const start = readme.indexOf(propertiesHeading);
  if (start < 0) throw new Error(`README.md has no section '${propertiesHeading}'`);
  const end = readme.indexOf('\n### ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The ```ts code blocks of a markdown text, without their fences. */
export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}
