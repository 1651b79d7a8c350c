// Screenshots of the main screens in light and dark schemes and on a phone-sized
// viewport, for a person to look at. Not a test: `node ../tests/e2e/screenshots.mjs`
// from web/ (same environment as the tests; SHOTS_DIR defaults to /tmp/parley-shots).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as h from './harness.mjs';
import { samplePicture } from './images.mjs';

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
  await alice.page.getByLabel('Profile picture file').setInputFiles({ name: 'alice.png', mimeType: 'image/png', buffer: samplePicture() });
  await alice.page.getByRole('button', { name: 'Save picture' }).click();
  await alice.page.getByText('Your picture is saved.').waitFor();
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
  const attach = async (person, files) => {
    await person.page.locator('input[type=file][multiple]').setInputFiles(files);
    await person.page.getByRole('list', { name: 'Attached files' }).getByText(/bytes|KB|MB/).last().waitFor();
  };
  await attach(alice, [{ name: 'release-banner.png', mimeType: 'image/png', buffer: samplePicture(640, 360, 1) }]);
  await h.say(alice.page, 'Here is the banner for the release notes.');
  await attach(bob, [
    { name: 'checklist.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(187_000, 37) },
    { name: `../../\u202Eevil-${'very-long-name-'.repeat(20)}.txt`, mimeType: 'text/plain', buffer: Buffer.from('hi') },
  ]);
  await h.say(bob.page, 'And the checklist.');
  await h.say(bob.page, 'Great, thanks. A long word to check wrapping: supercalifragilisticexpialidocious_supercalifragilisticexpialidocious_and_more');
  await alice.page.getByRole('button', { name: 'Topic: General discussion' }).click();
  await alice.page.getByLabel('New topic').fill('Release week: the checklist is in the wiki, we ship on Friday. Keep threads short, please.');
  await alice.page.getByRole('button', { name: 'Save topic' }).click();
  await alice.page.getByRole('dialog', { name: 'Topic of #general' }).waitFor({ state: 'detached' });
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
    await page.getByRole('button', { name: 'Room settings' }).click();
    await page.getByRole('dialog', { name: 'Settings of #general' }).getByText('Nobody is banned.').waitFor();
    await shot('room-settings');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Enlarge image release-banner.png' }).click();
    await page.getByRole('dialog', { name: 'release-banner.png' }).getByRole('img').waitFor();
    await page.waitForTimeout(300);
    await shot('image-viewer');
    await page.keyboard.press('Escape');
    await page.locator('input[type=file][multiple]').setInputFiles([
      { name: 'draft-photo.png', mimeType: 'image/png', buffer: samplePicture(200, 150) },
      { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# notes') },
    ]);
    await page.waitForTimeout(500);
    await shot('composer-attachments');
    const remove = page.getByRole('button', { name: /^(Remove|Cancel upload of) / });
    while (await remove.count()) await remove.first().click();
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
