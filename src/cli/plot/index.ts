/**
 * Scaling plots: |J| against L on log-log axes, with the limits B1 and B2, reference slopes and
 * fitted exponents; vega-lite specs rendered to SVG, PNG and PDF.
 */
export { plotLs, defaultLs, defaultLargeLs } from './sample.js';
export { seriesOf, isZeroWithin, type PlotSeries } from './series.js';
export {
  scalingPlotSpec, seriesLabel, noFit, zeroNote, wrapText, defaultPlotArea, quantities, currentOf,
} from './spec.js';
export { writePlot, plotFormat, pngScale, type PlotFormat } from './render.js';
export { plotDataCsv, plotDataJson, plotDataFormat, plotDataColumns, type PlotDataModel, type PlotDataFormat, type SkippedL } from './data.js';
