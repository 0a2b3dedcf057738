/**
 * Exporting a model at one L to other tools: `qutipScript` writes a self-contained QuTiP script that
 * computes the same J with QuTiP's Bloch-Redfield tensor.
 */
export { qutipScript } from './qutip-script.js';
