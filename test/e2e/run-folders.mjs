// The folders of one end-to-end run, shared by the code-server harness (run.mjs) and the desktop
// runner (desktop.mjs): everything lives under one temp root, so a run never writes to the real
// home, the real VS Code profile or the repo's fixture.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** User settings that keep the workbench quiet and its screenshots the same from run to run. */
export const workbenchSettings = {
  // Pinned, so screenshots do not depend on the default of the VS Code version or the OS scheme.
  'workbench.colorTheme': 'Default Light Modern',
  'editor.cursorBlinking': 'solid',
  'window.autoDetectColorScheme': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.minimap.enabled': false,
};

/**
 * Makes a fresh temp root with a home, XDG folders, a VS Code profile (user data + extensions), the
 * screenshot bridge folder and a copy of the fixture workspace, which tests may change freely.
 */
export function makeRunFolders(fixturePath) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'product-docs-e2e-'));
  const dirs = {
    root,
    home: path.join(root, 'home'),
    xdgConfig: path.join(root, 'xdg-config'),
    xdgData: path.join(root, 'xdg-data'),
    xdgCache: path.join(root, 'xdg-cache'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    bridge: path.join(root, 'bridge'),
    // Named after the fixture's fictional team: the name shows in the workbench's title and explorer.
    workspace: path.join(root, 'acme-shop'),
  };
  for (const dir of Object.values(dirs)) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.cpSync(fixturePath, dirs.workspace, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User/settings.json'), `${JSON.stringify(workbenchSettings, null, 2)}\n`);
  return dirs;
}
