import { fileURLToPath } from 'node:url';

/** scripts/incus in this repository (set-up and image-builder scripts). */
export const incusScriptsDirectory = fileURLToPath(new URL('../../../scripts/incus/', import.meta.url));
