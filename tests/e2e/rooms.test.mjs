// Room topics, roles, moderation, keys and invitations in the real web client against a
// real parleyd. Run from web/: `npm run e2e` (see harness.mjs for the environment).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as h from './harness.mjs';

const STEP = { timeout: 30_000 };
let stack;
let alice;
let bob;

before(async () => {
  stack = await h.startStack('parley-e2e-rooms-');
  alice = await h.newPerson(stack.browser, stack.server.url);
  bob = await h.newPerson(stack.browser, stack.server.url);
  await h.signUp(alice.page, 'alice');
  await h.signUp(bob.page, 'bob');
}, { timeout: 120_000 });

after(async () => {
  await stack?.stop();
});

const members = h.membersPanel;
const messages = h.messageLog;
const composerBox = (page) => page.getByLabel('Message', { exact: true });

async function createRoom(page, name) {
  await page.getByRole('button', { name: 'Join or create a room' }).click();
  await page.getByLabel('Room name').fill(name);
  await page.getByRole('button', { name: 'Create and join' }).click();
  await page.getByRole('heading', { name: `#${name}` }).waitFor();
}

async function openJoinDialog(page, name) {
  await page.getByRole('button', { name: 'Join or create a room' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join or create a room' });
  await dialog.getByLabel('Room name').fill(name);
  await dialog.getByLabel('Room name').press('Enter');
  return dialog;
}

async function roomSettings(page, change) {
  await page.getByRole('button', { name: 'Room settings' }).click();
  const dialog = page.getByRole('dialog', { name: /^Settings of #/ });
  await change(dialog);
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await dialog.waitFor({ state: 'detached' });
}

test('the creator sets the topic and a member sees it live', STEP, async () => {
  await createRoom(alice.page, 'ops');
  await members(alice.page).getByRole('button', { name: /alice.*operator/ }).waitFor();
  // bob joins; as a plain member of a room with a locked topic he can't edit it.
  await openJoinDialog(bob.page, 'ops');
  await bob.page.getByRole('heading', { name: '#ops' }).waitFor();
  assert.equal(await bob.page.getByRole('button', { name: 'Set a topic' }).count(), 0, 'a member may not set a locked topic');
  assert.equal(await bob.page.getByRole('button', { name: 'Room settings' }).count(), 0);

  await alice.page.getByRole('button', { name: 'Set a topic' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'Topic of #ops' });
  await dialog.getByLabel('New topic').fill('Deploys and incidents — be brief');
  await dialog.getByRole('button', { name: 'Save topic' }).click();
  await dialog.waitFor({ state: 'detached' });

  const topic = bob.page.getByRole('button', { name: 'Topic: Deploys and incidents — be brief' });
  await topic.waitFor();
  await messages(bob.page).getByText('alice changed the topic to “Deploys and incidents — be brief”').waitFor();
  await messages(alice.page).getByText('alice changed the topic to').waitFor();
  // The whole topic opens in a dialog, which Escape closes.
  await topic.click();
  const shown = bob.page.getByRole('dialog', { name: 'Topic of #ops' });
  await shown.getByText('Set by alice').waitFor();
  assert.equal(await shown.getByLabel('New topic').count(), 0);
  await bob.page.keyboard.press('Escape');
  await shown.waitFor({ state: 'detached' });
});

test('a moderated room silences members until an operator gives them voice', STEP, async () => {
  await roomSettings(alice.page, (d) => d.getByLabel('Moderated').check());
  await bob.page.getByText('#ops is moderated: only operators and voiced members can send messages.').waitFor();
  assert.equal(await composerBox(bob.page).count(), 0, 'no composer to type into');
  await messages(bob.page).getByText('alice made the room moderated').waitFor();

  await members(alice.page).getByRole('button', { name: /^bob/ }).click();
  const card = alice.page.getByRole('dialog', { name: 'Profile' });
  await card.getByRole('group', { name: 'Role of bob in #ops' }).getByRole('button', { name: 'Voice' }).click();
  await card.getByRole('button', { name: 'Voice', pressed: true }).waitFor();
  await alice.page.keyboard.press('Escape');

  await messages(bob.page).getByText('alice gave bob voice').waitFor();
  await members(bob.page).getByRole('button', { name: /bob.*voice/ }).waitFor();
  await h.say(bob.page, 'Deploy is green.');
  await messages(alice.page).getByText('Deploy is green.').waitFor();
});

test('a room with a key asks for it and lets the user in with it', STEP, async () => {
  await createRoom(alice.page, 'vault');
  await roomSettings(alice.page, (d) => d.getByLabel('Key').fill('sesame'));
  await messages(alice.page).getByText('alice set a room key').waitFor();

  const dialog = await openJoinDialog(bob.page, 'vault');
  const key = dialog.getByLabel('Key of #vault');
  await key.waitFor();
  await bob.page.waitForFunction(() => document.activeElement?.id === 'room-join-key', null, { timeout: 3000 });
  await key.fill('wrong');
  await dialog.getByRole('button', { name: 'Join with key' }).click();
  await dialog.getByRole('alert').filter({ hasText: /key/ }).waitFor();
  await key.fill('sesame');
  await dialog.getByRole('button', { name: 'Join with key' }).click();
  await bob.page.getByRole('heading', { name: '#vault' }).waitFor();
  await members(alice.page).getByRole('button', { name: /bob/ }).waitFor();
});

test('a room operator who is no admin bans from the room and unbans in its settings', STEP, async () => {
  await members(alice.page).getByRole('button', { name: /^bob/ }).click();
  const card = alice.page.getByRole('dialog', { name: 'Profile' });
  assert.equal(await card.getByRole('button', { name: 'Ban from server' }).count(), 0, 'server bans stay with admins');
  await card.getByRole('button', { name: 'Ban from #vault' }).click();
  await card.getByText('bob is banned from #vault.').waitFor();
  await alice.page.keyboard.press('Escape');
  await bob.page.getByText('You were banned from #vault by alice.').waitFor();

  await alice.page.getByRole('button', { name: 'Room settings' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'Settings of #vault' });
  await dialog.getByRole('button', { name: 'Unban bob' }).click();
  await dialog.getByText('Nobody is banned.').waitFor();
  await alice.page.keyboard.press('Escape');
  await bob.page.getByRole('button', { name: 'Dismiss' }).click();
});

test('an invitation shows a Join button that gets past the key', STEP, async () => {
  await createRoom(alice.page, 'club');
  await roomSettings(alice.page, (d) => d.getByLabel('Key').fill('members-only'));
  await alice.page.getByRole('button', { name: 'Invite…' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'Invite to #club' });
  await dialog.getByLabel('Find people').fill('bo');
  await dialog.getByRole('button', { name: 'Invite bob' }).click();
  await dialog.getByText('Invited').waitFor();
  await alice.page.keyboard.press('Escape');
  await messages(alice.page).getByText('alice invited bob').waitFor();

  const banner = bob.page.getByRole('status').filter({ hasText: 'alice invited you to #club' });
  await banner.waitFor();
  await banner.getByRole('button', { name: 'Join #club' }).click();
  await bob.page.getByRole('heading', { name: '#club' }).waitFor();
  await banner.waitFor({ state: 'detached' });
  await h.say(bob.page, 'Thanks for the invite!');
  await messages(alice.page).getByText('Thanks for the invite!').waitFor();
});

test('no page errors or CSP violations', STEP, async () => {
  assert.deepEqual([...alice.errors, ...bob.errors], []);
});
