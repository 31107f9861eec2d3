// The e2e station's staff: one test account per role, added as IT adds accounts at a station (`npm run staff`,
// PIN on standard input), and sign-in through the page's form.
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { StaffRole } from '../../../sync/model/staff.std.js';
import { TEST_PIN, testStaffCode } from '../../factories/staff.js';
import { projectRoot } from './devBrowser.js';

const ROLES: readonly StaffRole[] = ['front_desk', 'nurse', 'it'];
/** The test accounts' names as the header shows them: Thai words, never the role's code (screenshots are read). */
const NAMES: Readonly<Record<StaffRole, string>> = {
  front_desk: 'ทดสอบ ห้องบัตร',
  nurse: 'ทดสอบ พยาบาล',
  it: 'ทดสอบ ไอที',
};

/** Adds one account to the station in `dataDir` with `npm run staff -- add` (PIN TEST_PIN on standard input). */
export function addStationStaff(
  dataDir: string,
  account: { code: string; name: string; role: StaffRole },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(projectRoot, 'electron/cli/staffCli.node.ts'),
        'add',
        '--data-dir',
        dataDir,
        '--code',
        account.code,
        '--name',
        account.name,
        '--role',
        account.role,
      ],
      { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run staff -- add failed (${String(code)}): ${output}`)),
    );
    child.stdin.end(`${TEST_PIN}\n`);
  });
}

/** Adds the three test accounts to the station in `dataDir` (the app may be running). */
export async function addE2eStaff(dataDir: string): Promise<void> {
  for (const role of ROLES) await addStationStaff(dataDir, { code: testStaffCode(role), name: NAMES[role], role });
}

/** Fills and sends the sign-in form (signing out whoever is on duty first). */
export async function submitSignIn(page: Page, account: { code: string; pin: string } | StaffRole): Promise<void> {
  const { code, pin } = typeof account === 'string' ? { code: testStaffCode(account), pin: TEST_PIN } : account;
  if (await page.getByTestId('staff-sign-out').isVisible()) await page.click('[data-testid=staff-sign-out]');
  const form = page.getByTestId('staff-form');
  await form.locator('input[name=code]').fill(code);
  await form.locator('input[name=pin]').fill(pin);
  await form.locator('button[type=submit]').click();
}

/** Signs in through the page's form and waits until the header names who is on duty. */
export async function signIn(page: Page, account: { code: string; pin: string } | StaffRole): Promise<void> {
  await submitSignIn(page, account);
  await page.getByTestId('staff-on-duty').waitFor();
}

/** The station's audit trail read from its database (IT's view, without changing who is on duty at the page). */
export function stationAudit(dataDir: string, limit = 50): { action: string; actor: string; demo: boolean }[] {
  const db = new Database(join(dataDir, 'station.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[number], { action: string; actor: string; demo: number }>(
        'SELECT action, actor, demo FROM audit_log ORDER BY id DESC LIMIT ?',
      )
      .all(limit)
      .map((row) => ({ ...row, demo: row.demo === 1 }));
  } finally {
    db.close();
  }
}
