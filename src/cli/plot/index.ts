/**
 * Scaling plots: |J| against L on log-log axes, with the limits B1 and B2, reference slopes and
 * fitted exponents; vega-lite specs rendered to SVG and PNG.
 */
export { plotLs, defaultLs, defaultLargeLs, everyIntegerUpTo, everyIntegerBelow, pointsPerDecade } from './sample.js';
export { seriesOf, fitPoints, isZeroWithin, zeroBound, type PlotPoint, type PlotSeries } from './series.js';
export { scalingPlotSpec, seriesLabel, noFit, zeroNote, referenceDrop, wrapText, defaultPlotArea, modelColours, quantities, referenceSlopes, type PlotOptions } from './spec.js';
export { renderSvg, svgToPng, writePlot, plotFormat, pngScale, type PlotFormat } from './render.js';
