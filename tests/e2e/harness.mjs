// Shared set-up of the end-to-end tests: build the web client, start a real parleyd that
// serves it, and drive Debian's chromium through playwright-core.
//
// Environment:
//   PARLEYD   the server binary (default: build/parleyd of this repository)
//   WEB_DIST  an already built client folder (default: build one into a temp folder)
//   CHROMIUM  the browser (default: /usr/bin/chromium)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '../..');
const webDir = join(repo, 'web');
// playwright-core is a dependency of web/, whose node_modules this folder can't see.
const requireFromWeb = createRequire(join(webDir, 'package.json'));
const { chromium } = requireFromWeb('playwright-core');

export const PARLEYD = process.env.PARLEYD || join(repo, 'build/parleyd');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The folder of a built client: WEB_DIST, or a fresh `npm run build` into `scratch`. */
export function builtClient(scratch) {
  if (process.env.WEB_DIST) return resolve(process.env.WEB_DIST);
  const outDir = join(scratch, 'dist');
  const result = spawnSync('npm', ['run', 'build', '--silent', '--', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: webDir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
  return outDir;
}

/** Starts parleyd on a free port with its own data folder; resolves once it listens. */
export async function startServer({ webRoot, scratch, admins = [] }) {
  if (!existsSync(PARLEYD)) throw new Error(`no parleyd at ${PARLEYD}; build it or set PARLEYD`);
  const args = ['--data', join(scratch, 'data'), '--http', '127.0.0.1:0', '--irc', 'off', '--limits', 'off'];
  for (const name of admins) args.push('--admin', name);
  args.push('--web-root', webRoot, '--shards', '1');
  const child = spawn(PARLEYD, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`parleyd did not start:\n${log}`)), 10000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const match = /event=listening proto=http address=(\S+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolveUrl(`http://${match[1]}`);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`parleyd exited with ${code}:\n${log}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Headless chromium in a fresh temporary profile (playwright makes one per launch). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new browser context (its own storage: another person) with one page. */
export async function newPerson(browser, baseURL, options = {}) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, ...options });
  // Fail a step with the locator's own message well before the test's time limit.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
  });
  return { context, page, errors };
}

/** A built client, a server serving it and a browser, for one test file; `stop()` ends all three. */
export async function startStack(prefix, serverOptions = {}) {
  const scratch = tempDir(prefix);
  let server;
  try {
    server = await startServer({ webRoot: builtClient(scratch), scratch, ...serverOptions });
    const browser = await launchBrowser();
    return {
      server,
      browser,
      async stop() {
        await browser.close();
        await server.stop();
        cleanup(scratch);
      },
    };
  } catch (error) {
    await server?.stop();
    cleanup(scratch);
    throw error;
  }
}

export const membersPanel = (page) => page.getByRole('complementary', { name: 'Members' });
export const messageLog = (page) => page.getByRole('log');

export async function signUp(page, username, password = 'correct horse') {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: '#general' }).waitFor();
}

export async function signIn(page, username, password = 'correct horse') {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: '#general' }).waitFor();
}

export async function say(page, text) {
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await box.press('Enter');
}

export function cleanup(path) {
  rmSync(path, { recursive: true, force: true });
}
