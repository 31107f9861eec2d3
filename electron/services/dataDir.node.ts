/**
 * Where the station keeps its data when run outside Electron (CLIs, doctor): the same folder Electron's
 * app.getPath('userData') gives the installed app, so IT tools look at the station's real data.
 * EDGE_DATA_DIR overrides it (tests, several stations on one machine).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'สถานีบริการคลินิก Clinic Edge';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env['EDGE_DATA_DIR'];
  if (override !== undefined && override !== '') return override;
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_FOLDER);
}
