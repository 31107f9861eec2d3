// `node --import ./register.mjs`: every `import 'electron'` gets the recording stub (electron.mjs).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
