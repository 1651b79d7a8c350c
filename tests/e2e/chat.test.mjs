// Two people (and an admin) use the real web client against a real parleyd.
// Run from web/: `npm run e2e` (see harness.mjs for PARLEYD, WEB_DIST, CHROMIUM).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as h from './harness.mjs';

const STEP = { timeout: 30_000 };
let scratch;
let server;
let browser;
let alice;
let bob;
let boss;
let carol;

before(async () => {
  scratch = h.tempDir('parley-e2e-');
  const webRoot = h.builtClient(scratch);
  server = await h.startServer({ webRoot, scratch, admins: ['boss'] });
  browser = await h.launchBrowser();
  alice = await h.newPerson(browser, server.url);
  bob = await h.newPerson(browser, server.url);
  boss = await h.newPerson(browser, server.url);
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
  if (scratch) h.cleanup(scratch);
});

const members = (page) => page.getByRole('complementary', { name: 'Members' });
const messages = (page) => page.getByRole('log');
const sidebar = (page) => page.getByRole('navigation', { name: 'Conversations' });

test('sign-up refuses bad input before sending, then lands in #general', STEP, async () => {
  const { page } = alice;
  await page.goto('/');
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('different');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Passwords have at least 8 characters.').waitFor();
  await page.getByText('The passwords don’t match.').waitFor();
  await page.getByLabel('Password', { exact: true }).fill('correct horse');
  await page.getByLabel('Confirm password').fill('correct horse');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: '#general' }).waitFor();
  await members(page).getByRole('button', { name: /alice/ }).waitFor();
});

test('a taken username is refused next to the field, in words', STEP, async () => {
  const { page } = bob;
  await page.goto('/');
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Username').fill('ALICE');
  await page.getByLabel('Password', { exact: true }).fill('correct horse');
  await page.getByLabel('Confirm password').fill('correct horse');
  await page.getByRole('button', { name: 'Create account' }).click();
  const error = page.locator('#register-username-error');
  await error.waitFor();
  assert.match(await error.innerText(), /already registered/);
  await h.signUp(page, 'bob');
});

test('both see each other online and chat in #general', STEP, async () => {
  await members(alice.page).getByRole('button', { name: /bob.*online/ }).waitFor();
  await messages(alice.page).getByText('bob joined #general').waitFor();
  await h.say(alice.page, 'Hello Bob!');
  await messages(bob.page).getByText('Hello Bob!').waitFor();
  const box = bob.page.getByLabel('Message', { exact: true });
  await box.pressSequentially('Hi Alice.');
  await box.press('Shift+Enter');
  await box.pressSequentially('Two lines.');
  assert.equal(await box.inputValue(), 'Hi Alice.\nTwo lines.', 'Shift+Enter breaks the line');
  await box.press('Enter');
  await messages(alice.page).getByText('Two lines.').waitFor();
  const text = messages(alice.page).locator('.msg__text').filter({ hasText: 'Two lines.' });
  assert.equal(await text.innerText(), 'Hi Alice.\nTwo lines.');
  assert.equal(await box.inputValue(), '', 'Enter sent and emptied the box');

  await h.say(alice.page, '<b>not bold</b><img src=x onerror="window.pwned=1">');
  await messages(bob.page).getByText('<b>not bold</b>', { exact: false }).waitFor();
  assert.equal(await messages(bob.page).locator('b, img').count(), 0, 'user text is rendered as text');
  assert.equal(await bob.page.evaluate(() => window.pwned), undefined);
});

test('typing shows "bob is typing…"', STEP, async () => {
  await bob.page.getByLabel('Message', { exact: true }).pressSequentially('writing', { delay: 20 });
  await alice.page.getByText('bob is typing…').waitFor();
  await bob.page.getByLabel('Message', { exact: true }).fill('');
});

test('a direct message opens from the profile card and is answered', STEP, async () => {
  await members(alice.page).getByRole('button', { name: /bob/ }).click();
  const card = alice.page.getByRole('dialog', { name: 'Profile' });
  await card.getByRole('button', { name: 'Message' }).click();
  await alice.page.getByRole('heading', { name: 'bob' }).waitFor();
  await h.say(alice.page, 'psst, just you and me');
  const dm = sidebar(bob.page).getByRole('button', { name: /alice.*1 unread/ });
  await dm.waitFor();
  await dm.click();
  await messages(bob.page).getByText('psst, just you and me').waitFor();
  await h.say(bob.page, 'got it');
  await messages(alice.page).getByText('got it').waitFor();
});

test('presence goes offline when bob leaves, and a reload keeps him signed in', STEP, async () => {
  await bob.page.close();
  await members(alice.page).getByRole('button', { name: /bob.*offline/ }).waitFor();
  bob.page = await bob.context.newPage();
  await bob.page.goto('/');
  await bob.page.getByRole('heading', { name: '#general' }).waitFor();
  assert.equal(await bob.page.getByLabel('Username').count(), 0);
  await messages(bob.page).getByText('Hello Bob!').waitFor();
  await sidebar(bob.page).getByRole('button', { name: /alice/ }).waitFor();
  await alice.page.getByRole('heading', { name: 'bob' }).waitFor();
  await alice.page.getByText('Online', { exact: false }).first().waitFor();
  await sidebar(alice.page).getByRole('button', { name: /general/ }).click();
  await members(alice.page).getByRole('button', { name: /bob.*online/ }).waitFor();
});

test('blocking hides the blocked user’s messages at once', STEP, async () => {
  await h.say(bob.page, 'a message alice will stop seeing');
  await messages(alice.page).getByText('a message alice will stop seeing').waitFor();
  await members(alice.page).getByRole('button', { name: /bob/ }).click();
  await alice.page.getByRole('dialog', { name: 'Profile' }).getByRole('button', { name: 'Block' }).click();
  await alice.page.getByRole('dialog', { name: 'Profile' }).getByRole('button', { name: 'Unblock' }).waitFor();
  await alice.page.keyboard.press('Escape');
  await messages(alice.page).getByText('a message alice will stop seeing').waitFor({ state: 'detached' });
  assert.equal(await messages(alice.page).getByText('Hello Bob!').count(), 1, 'alice’s own messages stay');

  await h.say(bob.page, 'after the block');
  await messages(bob.page).getByText('after the block').waitFor();
  await sidebar(bob.page).getByRole('button', { name: /alice/ }).click();
  await h.say(bob.page, 'can you hear me?');
  await bob.page.getByText('This user does not accept your messages.').waitFor();
  assert.equal(await messages(alice.page).getByText('after the block').count(), 0);
});

test('an admin kicks bob from #general and bob is told why', STEP, async () => {
  await h.signUp(boss.page, 'boss');
  await members(boss.page).getByRole('button', { name: /bob/ }).click();
  const card = boss.page.getByRole('dialog', { name: 'Profile' });
  await card.getByLabel('Reason').fill('be nice');
  await card.getByRole('button', { name: 'Kick from #general' }).click();
  await card.getByText('bob was kicked from #general.').waitFor();
  await boss.page.keyboard.press('Escape');
  await messages(boss.page).getByText('bob was removed from #general').waitFor();
  await card.waitFor({ state: 'detached' });

  const banner = bob.page.getByRole('alert').filter({ hasText: 'You were removed from #general by boss' });
  await banner.waitFor();
  assert.match(await banner.innerText(), /be nice/);
  await sidebar(bob.page).getByRole('button', { name: /general/ }).waitFor({ state: 'detached' });
});

test('after a dropped connection the client reconnects and catches up with no gaps or duplicates', STEP, async () => {
  // Carol's WebSocket goes through a proxy in the test, so it can be cut while others go on.
  carol = await h.newPerson(browser, server.url);
  const link = { down: false, live: [] };
  await carol.page.routeWebSocket(/\/api\/v1\/ws$/, (ws) => {
    if (link.down) return ws.close({ code: 1011, reason: 'test: link down' });
    link.live.push({ ws, server: ws.connectToServer() });
  });
  await h.signUp(carol.page, 'carol');
  await h.say(boss.page, 'before the drop');
  await messages(carol.page).getByText('before the drop').waitFor();

  link.down = true;
  for (const { ws, server: upstream } of link.live.splice(0)) {
    ws.close({ code: 1011, reason: 'test: cut' });
    upstream.close();
  }
  await carol.page.getByText('Connection lost.').waitFor();

  // 130 messages while carol is away: more than one catch-up page of 100.
  const sent = await boss.page.evaluate(async (count) => {
    const token = localStorage.getItem('parley.token');
    const ws = new WebSocket(`ws://${location.host}/api/v1/ws`);
    const result = { acked: 0, errors: [] };
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 15000);
      ws.onmessage = (e) => {
        const frame = JSON.parse(e.data);
        if (frame.type === 'ready') {
          for (let i = 0; i < count; i++) ws.send(JSON.stringify({ type: 'send', id: i, room: 'general', text: `burst ${i}` }));
        } else if (frame.type === 'error') result.errors.push(frame.code);
        if (frame.type === 'ok' && ++result.acked === count) resolve(clearTimeout(timer));
      };
      ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
    });
    ws.close();
    return result;
  }, 130);
  assert.deepEqual(sent, { acked: 130, errors: [] });

  link.down = false;
  // The client may get back by itself between two attempts; otherwise "Retry now" skips the wait.
  await carol.page.getByRole('button', { name: 'Retry now' }).click({ timeout: 5000 }).catch(() => undefined);
  await carol.page.getByText('Connection lost.').waitFor({ state: 'detached' });
  await messages(carol.page).getByText('burst 129', { exact: true }).waitFor();
  const texts = await messages(carol.page).locator('.msg__text').allInnerTexts();
  const bursts = texts.filter((t) => t.startsWith('burst '));
  assert.deepEqual(bursts, Array.from({ length: 130 }, (_, i) => `burst ${i}`));
  assert.equal(texts.filter((t) => t === 'before the drop').length, 1);
});

test('scrolling up loads older history down to the start of the room', STEP, async () => {
  await carol.page.reload();
  await messages(carol.page).getByText('burst 129', { exact: true }).waitFor();
  const log = messages(carol.page);
  assert.ok((await log.locator('.msg__text').count()) < 100, 'a reload starts with the newest page only');
  for (let i = 0; i < 10 && !(await log.getByText('This is the start of #general.').count()); i++) {
    await log.evaluate((el) => (el.scrollTop = 0));
    await carol.page.waitForTimeout(300);
  }
  await log.getByText('This is the start of #general.').waitFor();
  const texts = await log.locator('.msg__text').allInnerTexts();
  assert.deepEqual(texts.filter((t) => t.startsWith('burst ')), Array.from({ length: 130 }, (_, i) => `burst ${i}`));
  assert.equal(texts.filter((t) => t === 'Hello Bob!').length, 1);
});

test('an admin’s server ban signs the user out with the reason on screen', STEP, async () => {
  await members(boss.page).getByRole('button', { name: /carol/ }).click();
  const card = boss.page.getByRole('dialog', { name: 'Profile' });
  await card.getByLabel('Reason').fill('spamming the room');
  await card.getByRole('button', { name: 'Ban from server' }).click();
  await card.getByText('carol is banned from the server.').waitFor();
  await boss.page.keyboard.press('Escape');

  await carol.page.getByRole('heading', { name: 'You are banned from this server' }).waitFor();
  await carol.page.getByText('spamming the room').waitFor();
  await carol.page.getByRole('button', { name: 'Back to sign-in' }).click();
  await carol.page.getByLabel('Username').fill('carol');
  await carol.page.getByLabel('Password', { exact: true }).fill('correct horse');
  await carol.page.getByRole('button', { name: 'Sign in' }).click();
  await carol.page.getByRole('alert').filter({ hasText: /banned/i }).waitFor();
  assert.deepEqual(carol.errors, []);
  await carol.context.close();
});

test('a new room is created from the sidebar, joined from the list, and counts unread messages', STEP, async () => {
  await alice.page.getByRole('button', { name: 'Join or create a room' }).click();
  await alice.page.getByLabel('Room name').fill('#Dev');
  await alice.page.getByRole('button', { name: 'Create and join' }).click();
  await alice.page.getByRole('heading', { name: '#dev' }).waitFor();
  await sidebar(alice.page).getByRole('button', { name: /general/ }).click();

  await boss.page.getByRole('button', { name: 'Join or create a room' }).click();
  const dialog = boss.page.getByRole('dialog', { name: 'Join or create a room' });
  await dialog.getByRole('listitem').filter({ hasText: '#dev' }).getByRole('button', { name: 'Join' }).click();
  await boss.page.getByRole('heading', { name: '#dev' }).waitFor();
  await members(boss.page).getByRole('button', { name: /alice/ }).waitFor();
  await h.say(boss.page, 'hello dev');
  await h.say(boss.page, 'anyone here?');
  const dev = sidebar(alice.page).getByRole('button', { name: /dev.*2 unread/ });
  await dev.waitFor();
  assert.equal(await alice.page.title(), '(2) Parley');
  await dev.click();
  await messages(alice.page).getByText('anyone here?').waitFor();
  await sidebar(alice.page).getByRole('button', { name: /unread/ }).waitFor({ state: 'detached' });
});

test('clear messages empties the view on this device only, and stays cleared after a reload', STEP, async () => {
  await sidebar(boss.page).getByRole('button', { name: /general/ }).click();
  await boss.page.getByRole('button', { name: 'Clear messages' }).click();
  await boss.page.getByRole('dialog').getByRole('button', { name: 'Clear messages' }).click();
  await messages(boss.page).getByText('You cleared this conversation on this device.').waitFor();
  assert.equal(await messages(boss.page).locator('.msg__text').count(), 0);
  await boss.page.reload();
  await messages(boss.page).getByText('You cleared this conversation on this device.').waitFor();
  assert.equal(await messages(boss.page).locator('.msg__text').count(), 0);
  await sidebar(alice.page).getByRole('button', { name: /general/ }).click();
  await h.say(alice.page, 'fresh after the clear');
  await messages(boss.page).getByText('fresh after the clear').waitFor();
  assert.equal(await messages(alice.page).getByText('Hello Bob!').count(), 1, 'others still see everything');
});

test('on a phone-sized screen the rooms and members are drawers', STEP, async () => {
  const phone = await h.newPerson(browser, server.url, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await h.signUp(phone.page, 'dave');
  const nav = sidebar(phone.page);
  assert.equal(await nav.isVisible(), false);
  await phone.page.getByRole('button', { name: 'Rooms and direct messages' }).click();
  await nav.getByRole('button', { name: /general/ }).waitFor();
  await phone.page.keyboard.press('Escape');
  await phone.page.getByRole('button', { name: 'Members', exact: true }).click();
  await members(phone.page).getByRole('button', { name: /boss/ }).waitFor();
  const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
  assert.deepEqual(phone.errors, []);
  await phone.context.close();
});

test('log out returns to the sign-in screen, also after a reload', STEP, async () => {
  await alice.page.getByRole('button', { name: 'Settings' }).click();
  await alice.page.getByRole('button', { name: 'Log out' }).click();
  await alice.page.getByRole('button', { name: 'Sign in' }).waitFor();
  await alice.page.reload();
  await alice.page.getByRole('button', { name: 'Sign in' }).waitFor();
  await h.signIn(alice.page, 'alice');
});

test('no page errors and no CSP violations', STEP, async () => {
  assert.deepEqual([...alice.errors, ...bob.errors, ...boss.errors], []);
});
