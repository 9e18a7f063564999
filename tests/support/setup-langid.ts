// Language identification loads its model once per process; every test file gets it loaded,
// as every entry point of the app (CLI commands, the workbench, the Electron main) does.
import { beforeAll } from 'vitest';
import { loadLanguageModel } from '../../core/text/langid';

beforeAll(async () => {
  await loadLanguageModel();
});
