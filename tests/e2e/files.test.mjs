// Profile pictures and shared files in the real web client against a real parleyd.
// Run from web/: `npm run e2e` (see harness.mjs for PARLEYD, WEB_DIST, CHROMIUM).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as h from './harness.mjs';
import { samplePicture } from './images.mjs';

const STEP = { timeout: 30_000 };
const MiB = 1024 * 1024;
let scratch;
let server;
let browser;
let ann;
let ben;

before(async () => {
  scratch = h.tempDir('parley-e2e-files-');
  const webRoot = h.builtClient(scratch);
  server = await h.startServer({ webRoot, scratch });
  browser = await h.launchBrowser();
  ann = await h.newPerson(browser, server.url);
  ben = await h.newPerson(browser, server.url);
  await h.signUp(ann.page, 'ann');
  await h.signUp(ben.page, 'ben');
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
  if (scratch) h.cleanup(scratch);
});

const messages = (page) => page.getByRole('log');
const members = (page) => page.getByRole('complementary', { name: 'Members' });

/** Waits until an <img> has really loaded (a refused or broken picture has no width). */
async function loaded(image) {
  await image.waitFor();
  await image.evaluate(
    (img) =>
      new Promise((resolve, reject) => {
        const check = () => (img.naturalWidth > 0 ? resolve() : reject(new Error(`not loaded: ${img.src}`)));
        if (img.complete) check();
        else {
          img.addEventListener('load', check, { once: true });
          img.addEventListener('error', check, { once: true });
        }
      }),
  );
}

/** The alpha of the picture's top-left corner, drawn on a canvas in the page. */
const cornerAlpha = (image) =>
  image.evaluate((img) => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    return g.getImageData(0, 0, 1, 1).data[3];
  });

test('an avatar over 4 MiB is refused before anything is sent, in words', STEP, async () => {
  const { page } = ann;
  const sent = [];
  const watch = (request) => request.url().includes('/api/v1/me/avatar') && sent.push(request.method());
  page.on('request', watch);
  await page.getByRole('button', { name: /Your profile/ }).click();
  const editor = page.getByRole('dialog', { name: 'Edit profile' });
  await editor.getByLabel('Profile picture file').setInputFiles({
    name: 'huge.png',
    mimeType: 'image/png',
    buffer: Buffer.alloc(4 * MiB + 1),
  });
  const error = editor.getByRole('alert');
  await error.waitFor();
  assert.equal(await error.innerText(), 'That picture is 4 MB; profile pictures can be at most 4 MB.');
  assert.equal(await editor.getByRole('button', { name: 'Save picture' }).count(), 0, 'nothing to save');
  await page.waitForTimeout(300);
  page.off('request', watch);
  assert.deepEqual(sent, []);
  await page.keyboard.press('Escape');
});

test('a picture chosen with the picker becomes the avatar the other user sees', STEP, async () => {
  const { page } = ann;
  await page.getByRole('button', { name: /Your profile/ }).click();
  const editor = page.getByRole('dialog', { name: 'Edit profile' });
  const chooser = page.waitForEvent('filechooser');
  await editor.getByRole('button', { name: 'Choose a picture…' }).click();
  await (await chooser).setFiles({ name: 'ann.png', mimeType: 'image/png', buffer: samplePicture() });
  await loaded(editor.getByRole('img', { name: 'Preview of your new picture' }));
  await editor.getByRole('button', { name: 'Save picture' }).click();
  await editor.getByText('Your picture is saved.').waitFor();
  await editor.getByRole('button', { name: 'Change picture…' }).waitFor();
  await page.keyboard.press('Escape');
  await loaded(page.getByRole('banner').locator('.avatar__img'));

  await h.say(page, 'new face, who dis');
  const row = messages(ben.page).locator('.msg').filter({ hasText: 'new face, who dis' });
  await row.waitFor();
  const avatar = row.locator('.msg__avatar img');
  await loaded(avatar);
  assert.match(await avatar.getAttribute('src'), /^\/avatars\//);
  assert.equal(await cornerAlpha(avatar), 0, 'the server serves a round picture with transparent corners');
  // Everywhere else ann appears for ben: the member list too, from the same user event.
  await loaded(members(ben.page).getByRole('button', { name: /ann/ }).locator('img'));
  // Ben has no picture: initials.
  assert.equal(await members(ann.page).getByRole('button', { name: /ben/ }).locator('img').count(), 0);
  assert.equal(await members(ann.page).getByRole('button', { name: /ben/ }).locator('.avatar').innerText(), 'B');
});

test('an image sent in a room shows inline for the other user and opens large', STEP, async () => {
  const { page } = ann;
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: samplePicture(480, 320, 1) });
  const tray = page.getByRole('list', { name: 'Attached files' });
  await tray.getByText(/^\d+(\.\d)? KB$/).waitFor(); // the size replaces "Uploading…" once done
  await h.say(page, 'look at this');
  await tray.waitFor({ state: 'detached' });

  const enlarge = messages(ben.page).getByRole('button', { name: 'Enlarge image sunset.png' });
  await enlarge.waitFor();
  await loaded(enlarge.locator('img'));
  await enlarge.click();
  const viewer = ben.page.getByRole('dialog', { name: 'sunset.png' });
  await loaded(viewer.getByRole('img', { name: 'sunset.png' }));
  assert.equal(await viewer.locator('img').evaluate((img) => img.naturalWidth), 480);
  await viewer.getByRole('link', { name: 'Download' }).waitFor();
  await ben.page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  assert.ok(await enlarge.evaluate((el) => el === document.activeElement), 'focus returns to the picture');
});

test('a dropped file with a hostile name shows as a harmless card with size and download link', STEP, async () => {
  const { page } = ann;
  const hostile = `../../<img src=x onerror=window.pwned=1>\u202Etxt.exe${'z'.repeat(200)}.txt`;
  const transfer = await page.evaluateHandle((name) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['hello, file\n'], name, { type: 'text/plain' }));
    return dt;
  }, hostile);
  const conversation = page.getByRole('main');
  await conversation.dispatchEvent('dragover', { dataTransfer: transfer });
  await page.getByText('Drop files to share them in #general').waitFor();
  await conversation.dispatchEvent('drop', { dataTransfer: transfer });
  const tray = page.getByRole('list', { name: 'Attached files' });
  await tray.getByText('12 bytes').waitFor();
  await page.getByLabel('Message', { exact: true }).press('Enter'); // text may be empty with a file
  await tray.waitFor({ state: 'detached' });

  const card = messages(ben.page).locator('.file-card').last();
  await card.waitFor();
  const link = card.getByRole('link', { name: /^Download .*, 12 bytes$/ });
  await link.waitFor();
  const shown = await card.locator('.file-name').evaluate((el) => el.textContent);
  assert.ok([...shown].length <= 60, `shortened: ${shown}`);
  assert.ok(shown.includes('…'), 'an ellipsis marks the cut');
  assert.ok(!shown.includes('\u202E'), 'no right-to-left override');
  const title = await card.locator('.file-name').getAttribute('title');
  assert.ok(title.length > shown.length && !title.includes('\u202E'), 'the full name is in the tooltip');
  assert.equal(await messages(ben.page).locator('img[src="x"]').count(), 0, 'the name is text, not HTML');
  assert.equal(await ben.page.evaluate(() => window.pwned), undefined);
  // The download link works with the session cookie alone.
  const href = await link.getAttribute('href');
  const body = await ben.page.evaluate((url) => fetch(url, { credentials: 'same-origin' }).then((r) => r.text()), href);
  assert.equal(body, 'hello, file\n');
});

test('after a reload without cookies the client gets its cookie back and new pictures load', STEP, async () => {
  await ben.context.clearCookies();
  await ben.page.reload();
  await messages(ben.page).getByRole('button', { name: 'Enlarge image sunset.png' }).waitFor();
  // A picture ben's browser has never fetched (so not in its cache) needs the cookie.
  await ann.page.locator('input[type=file][multiple]').setInputFiles({
    name: 'after-reload.png',
    mimeType: 'image/png',
    buffer: samplePicture(120, 90),
  });
  await ann.page.getByRole('list', { name: 'Attached files' }).getByText(/KB|bytes/).waitFor();
  await ann.page.getByLabel('Message', { exact: true }).press('Enter');
  await loaded(messages(ben.page).getByRole('button', { name: 'Enlarge image after-reload.png' }).locator('img'));
});

test('a pasted file goes into a direct message', STEP, async () => {
  const { page } = ann;
  await members(page).getByRole('button', { name: /ben/ }).click();
  await page.getByRole('dialog', { name: 'Profile' }).getByRole('button', { name: 'Message' }).click();
  await page.getByRole('heading', { name: 'ben' }).waitFor();
  const clipboard = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['# notes'], 'notes.md', { type: 'text/markdown' }));
    return dt;
  });
  const box = page.getByLabel('Message', { exact: true });
  await box.evaluate(
    (el, data) => el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })),
    clipboard,
  );
  await page.getByRole('list', { name: 'Attached files' }).getByText('7 bytes').waitFor();
  assert.equal(await box.inputValue(), '', 'the file is attached, not its name typed');
  await h.say(page, 'notes attached');

  await ben.page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /ann.*unread/ }).click();
  const row = messages(ben.page).locator('.msg').filter({ hasText: 'notes attached' });
  await row.getByRole('link', { name: 'Download notes.md, 7 bytes' }).waitFor();
  await ben.page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /general/ }).click();
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /general/ }).click();
});

test('removing the picture brings the initials back for the other user', STEP, async () => {
  const { page } = ann;
  await page.getByRole('button', { name: /Your profile/ }).click();
  const editor = page.getByRole('dialog', { name: 'Edit profile' });
  await editor.getByRole('button', { name: 'Remove' }).click();
  await editor.getByText('Your picture is removed.').waitFor();
  await editor.getByRole('button', { name: 'Choose a picture…' }).waitFor();
  await page.keyboard.press('Escape');
  const annForBen = members(ben.page).getByRole('button', { name: /ann/ });
  await annForBen.locator('img').waitFor({ state: 'detached' });
  assert.equal(await annForBen.locator('.avatar').innerText(), 'A');
});

test('no page errors and no CSP violations', STEP, async () => {
  assert.deepEqual([...ann.errors, ...ben.errors], []);
});
