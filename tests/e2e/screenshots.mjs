// Screenshots of the main screens in light and dark schemes and on a phone-sized
// viewport, for a person to look at. Not a test: `node ../tests/e2e/screenshots.mjs`
// from web/ (same environment as the tests; SHOTS_DIR defaults to /tmp/parley-shots).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as h from './harness.mjs';

const outDir = process.env.SHOTS_DIR || '/tmp/parley-shots';
mkdirSync(outDir, { recursive: true });

const scratch = h.tempDir('parley-shots-');
const server = await h.startServer({ webRoot: h.builtClient(scratch), scratch, admins: ['alice'] });
const browser = await h.launchBrowser();

const VARIANTS = {
  light: { colorScheme: 'light' },
  dark: { colorScheme: 'dark' },
  phone: { colorScheme: 'light', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  'phone-dark': { colorScheme: 'dark', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};

try {
  // Some people and a conversation to look at.
  const bob = await h.newPerson(browser, server.url);
  await h.signUp(bob.page, 'bob');
  const alice = await h.newPerson(browser, server.url);
  await h.signUp(alice.page, 'alice');
  await alice.page.getByRole('button', { name: /Your profile/ }).click();
  await alice.page.getByLabel('Display name').fill('Alice Liddell');
  await alice.page.getByLabel('First name').fill('Alice');
  await alice.page.getByLabel('Last name').fill('Liddell');
  await alice.page.getByRole('button', { name: 'Save' }).click();
  await alice.page.getByText('Your profile is saved.').waitFor();
  await alice.page.keyboard.press('Escape');
  const carol = await h.newPerson(browser, server.url);
  await h.signUp(carol.page, 'carol_w');
  await carol.page.getByRole('button', { name: 'Join or create a room' }).click();
  await carol.page.getByLabel('Room name').fill('random');
  await carol.page.getByRole('button', { name: 'Create and join' }).click();
  await carol.page.getByRole('heading', { name: '#random' }).waitFor();
  await carol.context.close();

  await h.say(bob.page, 'Morning! Has anyone looked at the release checklist yet?');
  await h.say(bob.page, 'I pushed the last fixes late yesterday.');
  await h.say(alice.page, 'Yes — two items left: the changelog and the screenshots.\nI’ll take the screenshots.');
  await h.say(bob.page, 'Great, thanks. A long word to check wrapping: supercalifragilisticexpialidocious_supercalifragilisticexpialidocious_and_more');
  await bob.page.getByLabel('Message', { exact: true }).pressSequentially('typing', { delay: 10 });
  await alice.page.getByRole('complementary', { name: 'Members' }).getByRole('button', { name: /bob/ }).click();
  await alice.page.getByRole('dialog', { name: 'Profile' }).getByRole('button', { name: 'Message' }).click();
  await h.say(alice.page, 'Can you review my PR after lunch?');
  await bob.page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /Alice/ }).click();
  await h.say(bob.page, 'Sure, ping me when it is ready.');
  await bob.page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /general/ }).click();
  await alice.context.close();

  for (const [name, options] of Object.entries(VARIANTS)) {
    const person = await h.newPerson(browser, server.url, options);
    const { page } = person;
    const shot = (what) => page.screenshot({ path: join(outDir, `${what}-${name}.png`) });
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot('sign-in');
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await shot('sign-up-errors');
    await h.signIn(page, 'alice');
    await bob.page.getByLabel('Message', { exact: true }).pressSequentially('.', { delay: 10 });
    await page.waitForTimeout(300);
    await shot('chat');
    if (name.startsWith('phone')) {
      await page.getByRole('button', { name: 'Rooms and direct messages' }).click();
      await page.waitForTimeout(300);
      await shot('sidebar');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Members', exact: true }).click();
      await page.waitForTimeout(300);
      await shot('members');
      await page.keyboard.press('Escape');
    }
    await page.getByRole('button', { name: /Your profile/ }).click();
    await page.getByRole('dialog', { name: 'Edit profile' }).waitFor();
    await shot('profile-editor');
    await page.keyboard.press('Escape');
    const phone = name.startsWith('phone');
    if (phone) await page.getByRole('button', { name: 'Rooms and direct messages' }).click();
    await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /bob/ }).click();
    await page.getByRole('heading', { name: 'bob' }).waitFor();
    await page.waitForTimeout(300);
    await shot('direct-message');
    await page.getByRole('heading', { name: 'bob' }).getByRole('button').click();
    await page.getByRole('dialog', { name: 'Profile' }).waitFor();
    await shot('profile-card');
    await page.getByRole('button', { name: 'Close' }).click();
    if (phone) await page.getByRole('button', { name: 'Rooms and direct messages' }).click();
    await page.getByRole('button', { name: 'Join or create a room' }).click();
    await page.getByRole('dialog', { name: 'Join or create a room' }).getByText('#random').waitFor();
    await page.waitForTimeout(300);
    await shot('join-room');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await shot('settings');
    await person.context.close();
  }
  console.log(`screenshots in ${outDir}`);
} finally {
  await browser.close();
  await server.stop();
  h.cleanup(scratch);
}
