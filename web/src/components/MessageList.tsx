import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useClient } from '../app/context';
import type { FileObject, UserId } from '../api/types';
import { displayName } from '../state/format';
import { parseKey, type ConvKey } from '../state/keys';
import { canLoadOlder, convOf, titleOf } from '../state/selectors';
import { buildTimeline } from '../state/timeline';
import type { AppState } from '../state/types';
import { DayDivider } from './DayDivider';
import { ChatIcon } from './Icons';
import { ImageViewer } from './ImageViewer';
import { MessageRow } from './MessageRow';
import { NoticeRow } from './NoticeRow';
import { PendingRow } from './PendingRow';

interface Props {
  state: AppState;
  convKey: ConvKey;
  onUser(userId: UserId): void;
}

const NEAR_EDGE = 150;

export function MessageList({ state, convKey, onUser }: Props) {
  const client = useClient();
  const conv = convOf(state, convKey);
  const cleared = state.cleared[convKey] ?? 0;
  const rows = useMemo(
    () => buildTimeline(conv.messages, conv.notices, { clearedId: cleared, blocked: state.blocked }),
    [conv.messages, conv.notices, cleared, state.blocked],
  );
  const more = canLoadOlder(state, convKey);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastHeight = useRef(0);
  const lastFirst = useRef<string | null>(null);
  const firstKey = rows.find((r) => r.kind === 'message')?.key ?? null;
  const [viewing, setViewing] = useState<FileObject | null>(null);

  // Stay pinned to the newest message, and keep the view still when older ones arrive above.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (atBottom.current) el.scrollTop = el.scrollHeight;
    else if (lastFirst.current && firstKey !== lastFirst.current) el.scrollTop += el.scrollHeight - lastHeight.current;
    lastHeight.current = el.scrollHeight;
    lastFirst.current = firstKey;
    if (more && el.scrollHeight <= el.clientHeight + NEAR_EDGE) void client.loadOlder(convKey);
  });

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (el.scrollTop < NEAR_EDGE && more) void client.loadOlder(convKey);
  };

  // A picture that finishes loading grows its row: stay at the bottom if we were there.
  const onLoad = () => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  };

  const target = parseKey(convKey);
  const room = target?.kind === 'room' ? target.room : '';
  const title = titleOf(state, convKey);
  const hasMessages = rows.some((r) => r.kind === 'message');

  return (
    <>
    <div class="messages" ref={scroller} onScroll={onScroll} onLoadCapture={onLoad} role="log" aria-label={`Messages in ${title}`} tabIndex={0}>
      <div class="messages__top">
        {more && (
          <button type="button" class="button button--ghost button--small" onClick={() => void client.loadOlder(convKey)}>
            Load older messages
          </button>
        )}
        {conv.loadingOlder && <span class="messages__loading">Loading older messages…</span>}
        {!conv.loaded && !hasMessages && <span class="messages__loading">Loading messages…</span>}
        {conv.loaded && !more && !conv.loadingOlder && (
          <div class="messages__start">
            <ChatIcon />
            <p class="messages__start-title">
              {cleared > 0 ? 'You cleared this conversation on this device.' : target?.kind === 'room' ? `This is the start of #${room}.` : `This is the start of your conversation with ${title}.`}
            </p>
            {!hasMessages && cleared === 0 && <p>No messages yet. Say hello!</p>}
          </div>
        )}
      </div>
      <ol class="messages__list">
        {rows.map((row) =>
          row.kind === 'day' ? (
            <DayDivider key={row.key} ts={row.ts} />
          ) : row.kind === 'notice' ? (
            <NoticeRow key={row.key} notice={row.notice} users={state.users} room={room} />
          ) : (
            <MessageRow
              key={row.key}
              message={row.message}
              author={state.users[row.message.from]}
              continued={row.continued}
              onUser={onUser}
              onOpenImage={setViewing}
            />
          ),
        )}
        {conv.pending.map((p) => (
          <PendingRow key={p.tempId} text={p.text} files={p.files} name={displayName(state.me ?? undefined)} />
        ))}
      </ol>
    </div>
    {viewing && <ImageViewer file={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}
