/**
 * The text report of `current` with many channels: the first eight and the last four rows are
 * shown, and only those are formatted (at L = 10^5 formatting every channel cost more than the
 * rest of the report); the table is the one the full formatting gave.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent } from '../../src/engine/index.js';
import { loadModelFile } from '../../src/lang/index.js';
import { floatReport, floatStyle, reportText, type ReportStyle } from '../../src/cli/report.js';
import { short, table } from '../../src/cli/format.js';

describe('current text report with many channels', () => {
  const r = computeCurrent(loadModelFile('models/independent.yaml'), 2000, { method: 'product' });
  const report = floatReport(r);

  it('formats only the rows it shows', () => {
    let calls = 0;
    const counting: ReportStyle<number> = { ...floatStyle, text: (x) => { calls++; return floatStyle.text(x); } };
    reportText(report, counting);
    // 12 channel rows of 6 numbers, 5 terms and 5 bounds: nowhere near 2000 rows.
    expect(calls).toBe(12 * 6 + 5 + 5);
  });

  it('shows the same table as formatting every row and then choosing', () => {
    const rows = r.channels.map((c, i) => [String(i), ...[c.J, c.normA, c.deltaE, c.gammaMax, c.omegaGammaMax, c.Bstate].map((x) => short(x))]);
    const shown = [...rows.slice(0, 8), ['...', '', '', '', '', '', ''], ...rows.slice(-4)];
    const expected = table(['channel', 'J', '||A||', 'deltaE', 'gammaMax', 'max|w|gamma', 'Bstate'], shown);
    expect(reportText(report, floatStyle)).toContain(expected);
    expect(reportText(report, floatStyle)).toContain('\n1999 ');
  });
});
